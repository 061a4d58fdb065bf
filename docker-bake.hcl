# docker buildx bake            -> development images (parceler-app:dev, parceler-nginx:dev)
# docker buildx bake production -> both images, tagged for the registry
variable "REGISTRY" {
  default = "ghcr.io/nethserver"
}

variable "TAG" {
  default = "latest"
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
  platforms = ["linux/amd64", "linux/arm64"]
}

target "nginx-production" {
  inherits  = ["nginx"]
  tags      = ["${REGISTRY}/parceler-java-nginx:${TAG}"]
  platforms = ["linux/amd64", "linux/arm64"]
}
