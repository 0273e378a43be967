/**
 * Views of plans: Terraform's text idiom for people ({@link
 * io.siteform.engine.render.PlanTextRenderer}) and Terraform's JSON plan shape for scripts
 * ({@link io.siteform.engine.render.PlanJsonRenderer}). Renderers return strings; only the CLI
 * writes to the console.
 */
package io.siteform.engine.render;
