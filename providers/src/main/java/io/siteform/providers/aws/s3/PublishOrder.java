package io.siteform.providers.aws.s3;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order a publish writes files in: everything that is not a page (scripts, styles, images,
 * fonts) before the pages, so a page is never served naming an asset that is not there yet.
 */
final class PublishOrder {
  private PublishOrder() {}

  static boolean page(String key, SiteFile f) {
    return io.siteform.engine.resource.ContentDigests.page(key, f.contentType());
  }

  /** The assets, then the pages; either may be empty. */
  static List<Map<String, SiteFile>> phases(Map<String, SiteFile> files) {
    Map<String, SiteFile> assets = new TreeMap<>();
    Map<String, SiteFile> pages = new TreeMap<>();
    files.forEach((k, f) -> (page(k, f) ? pages : assets).put(k, f));
    return List.of(assets, pages);
  }
}
