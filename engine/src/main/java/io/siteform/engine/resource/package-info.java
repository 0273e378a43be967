/**
 * What a spec asks for, as addressed resources: {@link io.siteform.engine.resource.Address},
 * the desired {@link io.siteform.engine.resource.ResourceSpec} with its dependencies, and the
 * {@link io.siteform.engine.resource.Ref} placeholders for values known only after apply.
 */
package io.siteform.engine.resource;
