{ pkgs ? import <nixpkgs> {} }:

pkgs.mkShell {
  name = "hugo-site";
  buildInputs = with pkgs; [ hugo nodejs_20 ];
  shellHook = ''
    echo "hugo ${pkgs.hugo.version}"
  '';
  HUGO_ENV = if true then "production" else "dev";
}
