// My8x8.SalesBot on Azure: Azure Bot (Web Chat over Direct Line + Microsoft Teams), a Linux App Service running the
// container image (two instances), Azure Database for PostgreSQL flexible server, and Key Vault holding every secret.
// The app reads secrets through Key Vault references with its system-assigned identity; nothing secret is in app settings.
//
//   az deployment group create -g <resource-group> -f deployment/azure/main.bicep -p deployment/azure/main.parameters.json \
//     -p microsoftAppPassword=<client secret> postgresAdminPassword=<password>
//
// See docs/deployment.md for the whole walk-through (app registration, image, Direct Line secret, Teams app).

targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names, e.g. "my8x8sales".')
@minLength(3)
@maxLength(16)
param namePrefix string

param location string = resourceGroup().location

@description('Container image of the bot, e.g. myregistry.azurecr.io/my8x8-salesbot:1.0.0 (built from deployment/Dockerfile).')
param containerImage string

@description('Registry login server, when the image is in a private registry (e.g. myregistry.azurecr.io); empty for a public image.')
param containerRegistryServer string = ''

@description('Client (application) id of the bot\'s Entra ID app registration.')
param microsoftAppId string

@description('Tenant of the app registration (single-tenant bot).')
param microsoftAppTenantId string = subscription().tenantId

@secure()
@description('Client secret of the app registration; stored in Key Vault.')
param microsoftAppPassword string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'salesbot'

@secure()
@description('PostgreSQL administrator password; stored in Key Vault as part of the connection string.')
param postgresAdminPassword string

@secure()
@description('The Azure Bot\'s Direct Line secret for the website chat. Empty on the first deployment: read it afterwards (docs/deployment.md) and deploy again, or set the Key Vault secret directly.')
param directLineSecret string = ''

@description('Origins of the web pages that host the chat (Direct Line enhanced authentication), e.g. https://my.8x8.com.')
param webChatTrustedOrigins array = []

@description('App Service instances; two or more share PostgreSQL and serialize each conversation\'s turns.')
@minValue(1)
param instanceCount int = 2

@description('OTLP endpoint for traces, metrics and logs (e.g. an OpenTelemetry Collector); empty turns export off.')
param otlpEndpoint string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var appName = '${namePrefix}-bot-${suffix}'
var vaultName = take('${namePrefix}kv${suffix}', 24)
var postgresName = '${namePrefix}-pg-${suffix}'
var databaseName = 'salesbot'
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var trustedOriginSettings = [for (origin, i) in webChatTrustedOrigins: {
  name: 'SalesBot__DirectLine__TrustedOrigins__${i}'
  value: origin
}]

// ---------------------------------------------------------------- Key Vault and secrets
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: { value: microsoftAppPassword }
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'SalesBotConnectionString'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

resource directLineSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineSecret)) {
  parent: vault
  name: 'DirectLineSecret'
  properties: { value: directLineSecret }
}

// ---------------------------------------------------------------- PostgreSQL
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: postgresName
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Public access limited to Azure services (0.0.0.0); use VNet integration + private access for production networks.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

// ---------------------------------------------------------------- App Service (Linux container)
resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: 'P0v3', capacity: instanceCount }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: !empty(containerRegistryServer)
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: true
      // Readiness: the instance leaves the rotation while the database is unreachable or it is shutting down.
      healthCheckPath: '/readyz'
      appSettings: concat([
        { name: 'WEBSITES_PORT', value: '3978' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppId', value: microsoftAppId }
        { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
        { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(SecretUri=${appPasswordSecret.properties.secretUri})' }
        { name: 'ConnectionStrings__SalesBot', value: '@Microsoft.KeyVault(SecretUri=${connectionStringSecret.properties.secretUri})' }
        { name: 'SalesBot__DirectLine__Secret', value: empty(directLineSecret) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=DirectLineSecret)' }
        { name: 'SalesBot__PublicBaseUrl', value: 'https://${appName}.azurewebsites.net' }
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
        { name: 'OTEL_SERVICE_NAME', value: 'my8x8-salesbot' }
      ], trustedOriginSettings)
    }
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------- Azure Bot and its channels
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'My 8x8 Sales'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: microsoftAppTenantId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true, enableCalling: false }
  }
}

// The website chat talks Direct Line 3.0; the host exchanges the secret for per-conversation tokens server-side.
resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'My 8x8 portal web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: !empty(webChatTrustedOrigins)
          trustedOrigins: webChatTrustedOrigins
        }
      ]
    }
  }
}

output appUrl string = 'https://${app.properties.defaultHostName}'
output messagingEndpoint string = bot.properties.endpoint
output botName string = bot.name
output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
