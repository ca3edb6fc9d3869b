# Builds the service from this repository and runs it against external MongoDB and Kafka
# (see docker-compose.yml). Tests run in CI (./mvnw verify), not in the image build.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY modules modules
COPY examples examples
RUN ./mvnw -q -B -pl modules/app -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/smp-ledger smp && mkdir -p /var/lib/smp-ledger && chown smp /var/lib/smp-ledger
USER smp
WORKDIR /var/lib/smp-ledger
COPY --from=build /src/modules/app/target/smp-app-*.jar /opt/smp-ledger/smp-ledger.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/smp-ledger/smp-ledger.jar"]
