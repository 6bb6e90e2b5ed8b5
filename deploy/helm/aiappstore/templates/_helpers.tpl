{{/* Names and labels. */}}
{{- define "aiappstore.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "aiappstore.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "aiappstore.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "aiappstore.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "aiappstore.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aiappstore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "aiappstore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aiappstore.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "aiappstore.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Secrets: an existing one named in the values, or one this chart generates. */}}
{{- define "aiappstore.adminSecretName" -}}
{{- default (printf "%s-admin" (include "aiappstore.fullname" .)) .Values.identity.admin.existingSecret }}
{{- end }}

{{- define "aiappstore.mongodbSecretName" -}}
{{- if .Values.database.uriSecret.name }}
{{- .Values.database.uriSecret.name }}
{{- else if .Values.mongodb.enabled }}
{{- printf "%s-mongodb" (include "aiappstore.fullname" .) }}
{{- end }}
{{- end }}

{{- define "aiappstore.mongodbSecretKey" -}}
{{- if .Values.database.uriSecret.name }}{{ .Values.database.uriSecret.key }}{{ else }}mongodb-uri{{ end }}
{{- end }}

{{- define "aiappstore.s3SecretName" -}}
{{- if .Values.storage.s3.credentialsSecret.name }}
{{- .Values.storage.s3.credentialsSecret.name }}
{{- else if .Values.minio.enabled }}
{{- printf "%s-minio" (include "aiappstore.fullname" .) }}
{{- end }}
{{- end }}

{{- define "aiappstore.s3Endpoint" -}}
{{- if .Values.storage.s3.endpoint }}
{{- .Values.storage.s3.endpoint }}
{{- else if .Values.minio.enabled }}
{{- printf "http://%s-minio:9000" (include "aiappstore.fullname" .) }}
{{- end }}
{{- end }}

{{/* The plugin the apps backend needs, if any. */}}
{{- define "aiappstore.backendPlugin" -}}
{{- if ne .Values.appsBackend.type "none" }}deployment-{{ .Values.appsBackend.type }}{{ end }}
{{- end }}

{{/* Plugins /health/ready waits for, comma-separated. */}}
{{- define "aiappstore.requiredPlugins" -}}
{{- if .Values.plugins.required }}
{{- join "," .Values.plugins.required }}
{{- else }}
{{- $required := list "data-filesystem" }}
{{- if eq .Values.storage.type "s3" }}{{ $required = append $required "data-s3" }}{{ end }}
{{- $backend := include "aiappstore.backendPlugin" . }}
{{- if $backend }}{{ $required = append $required $backend }}{{ end }}
{{- join "," $required }}
{{- end }}
{{- end }}

{{- define "aiappstore.cookieSecure" -}}
{{- if ne (toString .Values.identity.cookieSecure) "" }}
{{- .Values.identity.cookieSecure }}
{{- else }}
{{- and .Values.ingress.enabled .Values.ingress.tls.enabled }}
{{- end }}
{{- end }}

{{/*
Connector instances defined by configuration, as the JSON array of aiappstore.connectors.predefined.
Secret settings are $(VAR) references: Kubernetes replaces them with the values of the variables
defined before this one in the container (from secretKeyRefs), so no secret is written here.
*/}}
{{- define "aiappstore.predefinedConnectors" -}}
{{- $instances := list }}
{{- if eq .Values.storage.type "s3" }}
{{- $s3 := .Values.storage.s3 }}
{{- $config := dict "bucket" $s3.bucket "region" $s3.region "pathStyle" $s3.pathStyle "createBucket" $s3.createBucket "accessKey" "$(AIAPPSTORE_S3_ACCESS_KEY)" "secretKey" "$(AIAPPSTORE_S3_SECRET_KEY)" }}
{{- $endpoint := include "aiappstore.s3Endpoint" . }}
{{- if $endpoint }}{{ $_ := set $config "endpoint" $endpoint }}{{ end }}
{{- $instances = append $instances (dict "id" $s3.id "kind" "data-connector" "factoryId" "s3" "displayName" $s3.displayName "config" $config) }}
{{- end }}
{{- $type := .Values.appsBackend.type }}
{{- if ne $type "none" }}
{{- $config := dict "namespace" .Values.appsBackend.namespace }}
{{- $specific := get .Values.appsBackend $type }}
{{- range $key, $value := $specific }}
{{- if ne (toString $value) "" }}{{ $_ := set $config $key $value }}{{ end }}
{{- end }}
{{- range $key, $value := .Values.appsBackend.config }}
{{- $_ := set $config $key $value }}
{{- end }}
{{- $displayName := default (ternary "KNative Serving" "Kubernetes + Emissary-ingress" (eq $type "knative")) .Values.appsBackend.connector.displayName }}
{{- $instances = append $instances (dict "id" (default $type .Values.appsBackend.connector.id) "kind" "deployment-backend" "factoryId" $type "displayName" $displayName "config" $config) }}
{{- end }}
{{- range .Values.connectors }}
{{- $instances = append $instances . }}
{{- end }}
{{- if $instances }}{{ toJson $instances }}{{ end }}
{{- end }}

{{/* The most instances that may run: the autoscaler's maximum, or replicaCount. */}}
{{- define "aiappstore.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ int .Values.autoscaling.maxReplicas }}{{ else }}{{ int .Values.replicaCount }}{{ end }}
{{- end }}

{{/* The fewest instances that run: the autoscaler's minimum, or replicaCount. */}}
{{- define "aiappstore.minReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ int .Values.autoscaling.minReplicas }}{{ else }}{{ int .Values.replicaCount }}{{ end }}
{{- end }}

{{/* Refuses combinations that cannot work, at install time rather than at the first request. */}}
{{- define "aiappstore.validate" -}}
{{- $embeddedDb := and (not .Values.database.uriSecret.name) (not .Values.mongodb.enabled) }}
{{- $several := gt (int (include "aiappstore.maxReplicas" .)) 1 }}
{{- if and .Values.autoscaling.enabled (or (lt (int .Values.autoscaling.minReplicas) 1) (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas))) }}
{{- fail "autoscaling needs 1 <= autoscaling.minReplicas <= autoscaling.maxReplicas" }}
{{- end }}
{{- if and $embeddedDb $several }}
{{- fail "replicaCount > 1 (or autoscaling) needs MongoDB: set database.uriSecret.name (or mongodb.enabled for an evaluation); the embedded database lives inside one pod" }}
{{- end }}
{{- if and (eq .Values.storage.type "filesystem") $several }}
{{- fail "replicaCount > 1 (or autoscaling) needs storage.type=s3: the filesystem store lives inside one pod" }}
{{- end }}
{{- if not (has .Values.storage.type (list "filesystem" "s3")) }}
{{- fail "storage.type must be filesystem or s3" }}
{{- end }}
{{- if and (eq .Values.storage.type "s3") (not (include "aiappstore.s3SecretName" .)) }}
{{- fail "storage.type=s3 needs storage.s3.credentialsSecret.name (or minio.enabled for an evaluation)" }}
{{- end }}
{{- if not (has .Values.appsBackend.type (list "none" "knative" "emissary")) }}
{{- fail "appsBackend.type must be none, knative or emissary" }}
{{- end }}
{{- if and (eq .Values.appsBackend.type "emissary") (not .Values.appsBackend.emissary.publicBaseUrl) }}
{{- fail "appsBackend.type=emissary needs appsBackend.emissary.publicBaseUrl" }}
{{- end }}
{{- if or (hasKey .Values.appsBackend.config "token") (hasKey .Values.appsBackend.config "masterUrl") }}
{{- fail "appsBackend.config must not set token or masterUrl: the backend uses the pod's service account and the Role this chart creates" }}
{{- end }}
{{- if and (not .Values.identity.builtin) (not .Values.identity.oidc.enabled) }}
{{- fail "identity.builtin=false needs identity.oidc.enabled: nobody could sign in" }}
{{- end }}
{{- if and .Values.identity.oidc.enabled (or (not .Values.identity.oidc.issuer) (not .Values.identity.oidc.jwksUri)) }}
{{- fail "identity.oidc.enabled needs identity.oidc.issuer and identity.oidc.jwksUri" }}
{{- end }}
{{- if and .Values.identity.oidc.enabled (not .Values.identity.oidc.audience) (not .Values.identity.oidc.clientId) }}
{{- fail "identity.oidc.enabled needs identity.oidc.audience or identity.oidc.clientId: without either the app cannot tell its own tokens from those the provider issues to its other clients, and refuses them all" }}
{{- end }}
{{- range (splitList "," (include "aiappstore.requiredPlugins" .)) }}
{{- if not (has . $.Values.plugins.enabled) }}
{{- fail (printf "plugin %s is required but not in plugins.enabled" .) }}
{{- end }}
{{- end }}
{{- if and .Values.persistence.enabled $several }}
{{- fail "persistence.enabled needs replicaCount 1: each instance keeps its own search index in its data directory, never a shared one (with MongoDB and S3 leave persistence off)" }}
{{- end }}
{{- end }}
