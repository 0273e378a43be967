"""siteform's patches to moto: one module per gap, each with ``apply()`` and a docstring
naming the AWS API reference it follows and what moto does instead."""
