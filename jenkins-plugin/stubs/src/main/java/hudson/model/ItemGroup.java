// Stub of jenkinsci/jenkins@jenkins-2.541.3 core/src/main/java/hudson/model/ItemGroup.java — signatures as in the real
// source; bodies are test doubles (test-only, never shipped).
package hudson.model;

/** (Members omitted: the plugin only passes item groups through.) */
public interface ItemGroup<T extends Item> extends ModelObject {
    String getFullName();
}
