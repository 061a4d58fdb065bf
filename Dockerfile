# syntax=docker/dockerfile:1
# Parceler: one image for the app, worker and scheduler services (different commands).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY shared/pom.xml shared/
COPY worker/pom.xml worker/
COPY scheduler/pom.xml scheduler/
COPY app/pom.xml app/
RUN mvn -B -q -DskipTests dependency:go-offline || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends rclone curl ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 1000 --home-dir /var/lib/parceler --shell /usr/sbin/nologin parceler \
 && mkdir -p /opt/parceler /var/lib/parceler \
 && chown parceler:parceler /var/lib/parceler
COPY --from=build /src/app/target/parceler.jar /opt/parceler/parceler.jar
COPY parceler /opt/parceler/parceler
# The launcher runs the shipped jar (no build) and keeps its class-data archive next to it.
RUN ln -s /opt/parceler/parceler /usr/local/bin/parceler \
 && PARCELER_JAR=/opt/parceler/parceler.jar parceler --version \
 && chmod a+r /opt/parceler/*
ENV PARCELER_JAR=/opt/parceler/parceler.jar \
    DB_DATABASE=/var/lib/parceler/database.sqlite \
    STORAGE_ROOT=/var/lib/parceler/app \
    AUTH_CREDENTIALS_FILE=/var/lib/parceler/credentials \
    HTTP_PORT=8080
USER parceler
WORKDIR /var/lib/parceler
VOLUME ["/var/lib/parceler"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HTTP_PORT}/up" || exit 1
ENTRYPOINT ["parceler"]
CMD ["serve"]
