# docker buildx bake                               -> development images (parceler-app:dev, parceler-nginx:dev), loaded
# docker buildx bake --push production             -> both images for PLATFORMS, pushed to REGISTRY
# PLATFORMS=linux/amd64 docker buildx bake --load production
#                                                  -> the production tags for one platform, in the local engine
# A multi-platform build can only be pushed (--push): the local engine holds one platform.
variable "REGISTRY" {
  default = "ghcr.io/nethserver"
}

variable "TAG" {
  default = "latest"
}

variable "PLATFORMS" {
  default = "linux/amd64,linux/arm64"
}

group "default" {
  targets = ["app", "nginx"]
}

group "production" {
  targets = ["app-production", "nginx-production"]
}

target "app" {
  context    = "."
  dockerfile = "Dockerfile"
  tags       = ["parceler-app:dev"]
}

target "nginx" {
  context    = "nginx"
  dockerfile = "Dockerfile"
  tags       = ["parceler-nginx:dev"]
}

target "app-production" {
  inherits  = ["app"]
  tags      = ["${REGISTRY}/parceler-java-app:${TAG}"]
  platforms = split(",", PLATFORMS)
}

target "nginx-production" {
  inherits  = ["nginx"]
  tags      = ["${REGISTRY}/parceler-java-nginx:${TAG}"]
  platforms = split(",", PLATFORMS)
}
