# Parceler: one image for the app, worker and scheduler services (different commands).
# The base images are build arguments, the official ones by default, so that a site without
# access to Docker Hub (or a test) can give its own: --build-arg JRE_IMAGE=... MAVEN_IMAGE=...
# No syntax directive on the first line: BuildKit would pull a frontend image for it. The
# classic builder (DOCKER_BUILDKIT=0) builds this file too.
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# Dependency layer: the POMs alone, built once against empty modules, fetch every dependency and
# plugin the real build needs; it is rebuilt only when a POM changes. (dependency:go-offline
# cannot resolve the reactor's own modules; a build of the empty reactor can. Test sources stay out
# of the image: the modules' test jars are built empty.)
COPY pom.xml ./
COPY shared/pom.xml shared/
COPY worker/pom.xml worker/
COPY scheduler/pom.xml scheduler/
COPY app/pom.xml app/
# Maven's own JVM settings (.mvn/jvm.config: the quick compiler, enough for a build this short).
COPY .mvn .mvn
RUN mvn -B -q -DskipTests package \
 && rm -rf shared/target worker/target scheduler/target app/target
COPY shared/src/main shared/src/main
COPY worker/src/main worker/src/main
COPY scheduler/src/main scheduler/src/main
COPY app/src/main app/src/main
RUN mvn -B -q -o -DskipTests package

FROM ${JRE_IMAGE}
# Official eclipse-temurin images already have user ubuntu with uid 1000: Parceler's user has
# its own fixed ids (files in the volume keep their owner across image updates).
ARG PARCELER_UID=10001
RUN apt-get update \
 && apt-get install -y --no-install-recommends rclone ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid "$PARCELER_UID" parceler \
 && useradd --no-create-home --uid "$PARCELER_UID" --gid parceler --home-dir /var/lib/parceler --shell /usr/sbin/nologin parceler \
 && mkdir -p /opt/parceler /var/lib/parceler \
 && chown parceler:parceler /var/lib/parceler
COPY --from=build /src/app/target/parceler.jar /opt/parceler/parceler.jar
COPY parceler /opt/parceler/parceler
# The launcher runs the jar installed beside it (no build) and keeps its class-data archive there.
RUN ln -s /opt/parceler/parceler /usr/local/bin/parceler \
 && parceler --version \
 && chmod a+r /opt/parceler/*
ENV DB_DATABASE=/var/lib/parceler/database.sqlite \
    STORAGE_ROOT=/var/lib/parceler/app \
    AUTH_CREDENTIALS_FILE=/var/lib/parceler/credentials \
    RCLONE_CONFIG=/var/lib/parceler/rclone.conf \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
USER parceler
WORKDIR /var/lib/parceler
VOLUME ["/var/lib/parceler"]
EXPOSE 8080
STOPSIGNAL SIGTERM
# `parceler health` checks the process of this container (serve, worker or scheduler): alive,
# not stuck, and for serve its own /up. It costs about a second of CPU per check.
HEALTHCHECK --interval=10s --timeout=10s --start-period=60s --retries=3 CMD ["parceler", "health"]
# The launcher gives serve, worker and scheduler their JVM settings (heap, collector, compiler;
# docs/operations.md, "Memory"); JAVA_OPTS in the container's environment is added after them.
ENTRYPOINT ["parceler"]
CMD ["serve"]
