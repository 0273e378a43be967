/**
 * The AWS side of siteform: SDK clients built once per service and region ({@link
 * io.siteform.providers.aws.AwsClients}), translation of SDK failures into {@link
 * io.siteform.error.ProviderException}, and the list of providers. One sub-package per AWS
 * service holds that service's {@code <Type>Provider} classes.
 */
package io.siteform.providers.aws;
