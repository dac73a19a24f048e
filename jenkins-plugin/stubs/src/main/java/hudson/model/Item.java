// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/Item.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission CONFIGURE = new Permission("Item.Configure");
    Permission EXTENDED_READ = new Permission("Item.ExtendedRead");
    Permission READ = new Permission("Item.Read");

    String getName();

    String getFullName();

    String getUrl();
}
