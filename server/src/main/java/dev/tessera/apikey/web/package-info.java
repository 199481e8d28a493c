/**
 * The API keys' edge to the management API's security chain: {@link dev.tessera.apikey.web.ApiKeyBearer}
 * answers the chain's {@link dev.tessera.system.web.BearerCredentials} and maps a key's scope to the
 * requests it may make.
 */
package dev.tessera.apikey.web;
