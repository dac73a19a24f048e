package io.mlopsci.jenkins.conformance;

import java.util.List;

/**
 * What the conformance check does not look up in the Jenkins signatures, each with its reason. Kept
 * short on purpose: anything not covered here must be found in {@code jenkins-plugin/api/}.
 */
final class Allowances {

    private Allowances() {}

    /** An allowance: names under {@code prefix} (internal form) are not Jenkins API, because {@code reason}. */
    record Library(String prefix, String reason) {}

    static final List<Library> LIBRARIES = List.of(
            new Library("java/", "the JDK: the plugin is compiled against it for real (--release 17)"),
            new Library("javax/", "the JDK (javax.xml, ...): compiled against it for real"),
            new Library("io/mlopsci/", "the plugin itself"),
            new Library(
                    "com/fasterxml/jackson/",
                    "Jackson, from the jackson2-api plugin: the offline build compiles against the real jar"),
            new Library(
                    "edu/umd/cs/findbugs/annotations/",
                    "spotbugs-annotations (a jenkins-core dependency): compiled against the real jar; class-retention"
                            + " annotations"),
            new Library(
                    "com/google/common/",
                    "Guava (a jenkins-core dependency; StepContext implements its FutureCallback): the real jar"),
            new Library(
                    "org/springframework/security/core/Authentication",
                    "spring-security's Authentication, used only as a type: the Jenkins members that take or return"
                            + " it (ACL.SYSTEM2, Tasks.getAuthenticationOf2, includeAs) are checked"));

    /** Rules of the signatures' format rather than exceptions to the check. */
    static final List<String> RULES = List.of(
            "a class with no constructor in the signatures has the implicit public no-argument one",
            "type variables are written by name in the signatures (T, C, S, T[]); they match any erased type",
            "annotation elements (@Symbol's value, ...) are not listed; annotation types are checked",
            "members of JDK supertypes (Object, Serializable, Principal, ...) are looked up by reflection");

    static boolean isLibrary(String internalName) {
        return LIBRARIES.stream().anyMatch(l -> internalName.startsWith(l.prefix()));
    }
}
