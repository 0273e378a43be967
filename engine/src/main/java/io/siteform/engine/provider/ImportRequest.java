package io.siteform.engine.provider;

import io.siteform.engine.resource.Address;

/** Adopt the object a user names by {@code id} into {@code address}. */
public record ImportRequest(Address address, String region, String id) {}
