# Build the site
param([string]$Environment = "production")

$ErrorActionPreference = "Stop"
Get-ChildItem -Path .\content -Filter *.md | ForEach-Object {
    Write-Host "Page: $($_.Name)"
}
if ($Environment -eq "production") {
    hugo --minify
}
