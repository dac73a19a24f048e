/** One result rendered four ways: Markdown, JUnit XML, HTML with SVG charts, and result.json's file. */
package io.mlopsci.core.report;
