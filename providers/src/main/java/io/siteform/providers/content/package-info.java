/**
 * The site's files on the local disk: the {@code local_files} data source hashes the content
 * folder and gives each file the Content-Type and Cache-Control it is published with. Reads only
 * inside that folder and never calls AWS, so offline plans read it too.
 */
package io.siteform.providers.content;
