FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && \
    apk add --no-cache git
ENV CGO_ENABLED=0
# Build the binary
RUN go build -o /out/app ./cmd/app

FROM alpine:3.19
COPY --from=build /out/app /usr/local/bin/app
EXPOSE 8080
ENTRYPOINT ["app", "--port", "8080"]
