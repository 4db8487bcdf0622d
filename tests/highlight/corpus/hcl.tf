terraform {
  required_version = ">= 1.5"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_s3_bucket" "site" {
  bucket = "my-hugo-site-${var.region}"
  tags = {
    Name = "site"
  }
}
