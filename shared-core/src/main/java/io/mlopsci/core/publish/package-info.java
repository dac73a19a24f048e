/** Publishing a result to GitHub: sticky comment, check run or commit status, and where to publish. */
package io.mlopsci.core.publish;
