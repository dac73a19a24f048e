package io.mlopsci.contract.ci;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CI system's environment says about the build, read once and by one set of rules: GitHub
 * Actions ({@code GITHUB_*} and the event payload), Jenkins ({@code JENKINS_URL}, {@code CHANGE_ID},
 * {@code GIT_COMMIT}, {@code CHANGE_URL}, {@code GIT_URL}, ...), or nothing ({@code local}). The
 * engine's CI context and its GitHub publisher, and the Jenkins plugin when it names the pull request
 * and commit to publish on, all take them from here. Values are as the CI system set them; {@link
 * #fullSha()} is the commit only when it is a full SHA (what GitHub's API takes).
 *
 * <p>This is also the one place that decides whether a build concerns a pull request ({@link
 * #forPullRequest()}), which keeps it from promoting whatever branch the CI system names: on GitHub
 * Actions any event about one ({@link #PULL_REQUEST_EVENTS}, an {@code issue_comment} on a pull
 * request, a {@code workflow_run} of a pull request's run, any payload naming a pull request, a
 * {@code GITHUB_HEAD_REF}); on Jenkins, or where no CI system is recognised, a {@code CHANGE_ID}.
 *
 * @param system      {@link #GITHUB_ACTIONS}, {@link #JENKINS} or {@link #LOCAL}
 * @param repository  {@code OWNER/NAME} on GitHub, when the variables name it
 * @param sha         the commit (on a pull request: its head, not the merge commit)
 * @param branch      the branch (on a pull request: its head branch)
 * @param pullRequest the pull request's number
 * @param buildUrl    the build's page
 * @param event       GitHub Actions' event payload, when there is one
 * @param eventProblem why the payload named by {@code GITHUB_EVENT_PATH} could not be read, or null
 * @param trigger     what triggered the build: GitHub's event name ({@code push}, {@code issue_comment},
 *                    {@code workflow_run of pull_request}), {@link #CHANGE_REQUEST} for a change
 *                    request's build; null when unknown
 * @param forPullRequest the build concerns a pull request (or a change request), whatever branch the
 *                    CI system names: such a build never promotes
 */
public record CiVariables(
        String system,
        String repository,
        String sha,
        String branch,
        Integer pullRequest,
        String buildUrl,
        GitHubEvent event,
        String eventProblem,
        String trigger,
        boolean forPullRequest) {

    public static final String GITHUB_ACTIONS = "github-actions";
    public static final String JENKINS = "jenkins";
    public static final String LOCAL = "local";
    /** The trigger of a Jenkins (or unrecognised CI's) build with a {@code CHANGE_ID}. */
    public static final String CHANGE_REQUEST = "change-request";

    /**
     * GitHub events that concern a pull request. A workflow they trigger may run on the default
     * branch ({@code GITHUB_REF_NAME=main} for {@code pull_request_target}, {@code merge_group}), but
     * it builds or discusses a pull request's code, so it never promotes.
     */
    public static final Set<String> PULL_REQUEST_EVENTS = Set.of(
            "pull_request",
            "pull_request_target",
            "pull_request_review",
            "pull_request_review_comment",
            "pull_request_review_thread",
            "merge_group");

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    /** An event name as GitHub writes them; anything else is not repeated in results. */
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_-]{1,64}");

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern PULL_URL = Pattern.compile("^https?://[^/]+/([^/]+)/([^/]+)/pull/\\d+/?$");
    private static final Pattern GIT_REMOTE = Pattern.compile(
            "^(?:https?://(?:[^@/]+@)?[^/]+/|ssh://(?:[^@/]+@)?[^/]+/|[^@/:]+@[^:/]+:)([^/]+)/([^/]+?)(?:\\.git)?/?$");
    /** Strict: a duplicate key or a second document is an error, never a guess. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The facts of a GitHub Actions event payload that publishing and the CI context need.
     *
     * @param issue the issue an {@code issue_comment} event is about
     */
    public record GitHubEvent(PullRequest pullRequest, WorkflowRun workflowRun, Issue issue) {}

    /**
     * The issue of an {@code issue_comment} event.
     *
     * @param pullRequest the issue is a pull request (ChatOps on a pull request: the workflow runs
     *                    on the default branch, but the comment is about the pull request's code)
     */
    public record Issue(Integer number, boolean pullRequest) {}

    /**
     * A {@code pull_request} event's pull request.
     *
     * @param headRepository the head's {@code OWNER/NAME} (a fork's, for a fork's pull request)
     * @param baseRepository the base's
     * @param author         who opened it
     */
    public record PullRequest(
            Integer number,
            String headSha,
            String headBranch,
            String headRepository,
            String baseRepository,
            String author) {}

    /**
     * A {@code workflow_run} event: the triggering run's head commit and the pull requests GitHub
     * lists for it.
     *
     * @param event              the triggering run's event, e.g. {@code pull_request}
     * @param htmlUrl            the triggering run's page
     * @param listsPullRequests  GitHub lists at least one pull request for it (even one without a
     *                           number or head here)
     */
    public record WorkflowRun(
            String headSha,
            List<PullRequestRef> pullRequests,
            String event,
            String htmlUrl,
            boolean listsPullRequests) {
        public WorkflowRun {
            pullRequests = List.copyOf(pullRequests);
        }

        /** The triggering run built a pull request. */
        public boolean forPullRequest() {
            return listsPullRequests || !pullRequests.isEmpty() || pullRequestEvent(event);
        }
    }

    /** A pull request as {@code workflow_run} lists it. */
    public record PullRequestRef(int number, String headSha) {}

    /** Reads the environment of whichever CI system set it (GitHub Actions' payload read strictly here). */
    public static CiVariables read(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            return githubActions(env);
        }
        return nonGitHub(env);
    }

    /**
     * As {@link #read(Map)}, with GitHub Actions' event payload already read by the caller (the
     * engine reads it with positions in its messages); null when there is none.
     */
    public static CiVariables read(Map<String, String> env, JsonNode event) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            return githubActions(env, event != null && event.isObject() ? event(event) : null, null);
        }
        return nonGitHub(env);
    }

    private static CiVariables nonGitHub(Map<String, String> env) {
        if (env.get("JENKINS_URL") != null || (env.get("BUILD_URL") != null && env.get("JOB_NAME") != null)) {
            return jenkins(env);
        }
        // A change request's build whose CI system is not recognised still never promotes.
        boolean change = blankToNull(env.get("CHANGE_ID")) != null;
        return new CiVariables(LOCAL, null, null, null, null, null, null, null, change ? CHANGE_REQUEST : null, change);
    }

    /** GitHub Actions' variables and event payload. */
    public static CiVariables githubActions(Map<String, String> env) {
        GitHubEvent event = null;
        String problem = null;
        String path = blankToNull(env.get("GITHUB_EVENT_PATH"));
        if (path != null && Files.isRegularFile(Path.of(path))) {
            try {
                JsonNode root = MAPPER.readTree(Path.of(path).toFile());
                event = root != null && root.isObject() ? event(root) : null;
            } catch (IOException e) {
                problem = "cannot read the event payload " + path + ": " + e.getMessage();
            }
        }
        return githubActions(env, event, problem);
    }

    private static CiVariables githubActions(Map<String, String> env, GitHubEvent event, String problem) {
        String repository = repository(env.get("GITHUB_REPOSITORY"));
        String sha = blankToNull(env.get("GITHUB_SHA"));
        String branch = blankToNull(env.get("GITHUB_REF_NAME"));
        String name = blankToNull(env.get("GITHUB_EVENT_NAME"));
        String trigger = name != null && EVENT_NAME.matcher(name).matches() ? name : null;
        boolean forPullRequest = pullRequestEvent(name) || blankToNull(env.get("GITHUB_HEAD_REF")) != null;
        Integer pr = null;
        PullRequest pull = event == null ? null : event.pullRequest();
        Issue issue = event == null ? null : event.issue();
        WorkflowRun run = event == null ? null : event.workflowRun();
        if (pull != null) {
            // GITHUB_SHA is the merge commit on pull_request events; reviewers see the head.
            forPullRequest = true;
            pr = pull.number();
            sha = pull.headSha() != null ? pull.headSha() : sha;
            branch = pull.headBranch() != null ? pull.headBranch() : firstNonBlank(env.get("GITHUB_HEAD_REF"), branch);
        } else if (issue != null && issue.pullRequest()) {
            // issue_comment (ChatOps) on a pull request: the workflow runs on the default branch.
            forPullRequest = true;
            pr = issue.number();
        } else if (run != null && run.forPullRequest()) {
            forPullRequest = true;
            if (trigger != null
                    && run.event() != null
                    && EVENT_NAME.matcher(run.event()).matches()) {
                trigger = trigger + " of " + run.event();
            }
            for (PullRequestRef p : run.pullRequests()) {
                if (p.headSha().equals(run.headSha())) {
                    pr = p.number();
                }
            }
        }
        return new CiVariables(
                GITHUB_ACTIONS,
                repository,
                sha,
                branch,
                pr,
                actionsRunUrl(env),
                event,
                problem,
                trigger,
                forPullRequest);
    }

    /** Jenkins' variables (multibranch and plain jobs). */
    public static CiVariables jenkins(Map<String, String> env) {
        // Any CHANGE_ID is a change request (GitHub's numbers, Bitbucket's, Gerrit's change ids),
        // numbered or not, and never promotes.
        boolean change = blankToNull(env.get("CHANGE_ID")) != null;
        Integer pr = number(env.get("CHANGE_ID"));
        String branch = firstNonBlank(env.get("BRANCH_NAME"), stripOrigin(env.get("GIT_BRANCH")));
        if (change) {
            branch = firstNonBlank(env.get("CHANGE_BRANCH"), branch);
        }
        String repository = fromUrl(env.get("CHANGE_URL"), PULL_URL);
        if (repository == null) {
            repository = fromUrl(env.get("GIT_URL"), GIT_REMOTE);
        }
        return new CiVariables(
                JENKINS,
                repository,
                blankToNull(env.get("GIT_COMMIT")),
                branch,
                pr,
                blankToNull(env.get("BUILD_URL")),
                null,
                null,
                change ? CHANGE_REQUEST : null,
                change);
    }

    /** The commit when it is a full SHA (40 or 64 hex digits), else null. */
    public String fullSha() {
        return isFullSha(sha) ? sha : null;
    }

    public static boolean isFullSha(String s) {
        return s != null && FULL_SHA.matcher(s).matches();
    }

    /** {@code OWNER/NAME} as GitHub allows them, trimmed; null for anything else. */
    public static String repository(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.strip().split("/", -1);
        return parts.length == 2
                        && OWNER.matcher(parts[0]).matches()
                        && NAME.matcher(parts[1]).matches()
                ? parts[0] + "/" + parts[1]
                : null;
    }

    private static GitHubEvent event(JsonNode root) {
        PullRequest pull = null;
        JsonNode p = root.get("pull_request");
        if (p != null && p.isObject()) {
            pull = new PullRequest(
                    p.path("number").canConvertToInt() ? p.path("number").asInt() : null,
                    text(p.path("head").path("sha")),
                    text(p.path("head").path("ref")),
                    text(p.path("head").path("repo").path("full_name")),
                    text(p.path("base").path("repo").path("full_name")),
                    text(p.path("user").path("login")));
        }
        WorkflowRun run = null;
        JsonNode r = root.get("workflow_run");
        if (r != null && r.isObject()) {
            List<PullRequestRef> prs = new ArrayList<>();
            for (JsonNode pr : r.path("pull_requests")) {
                String head = text(pr.path("head").path("sha"));
                if (pr.path("number").canConvertToInt() && head != null) {
                    prs.add(new PullRequestRef(pr.path("number").asInt(), head));
                }
            }
            run = new WorkflowRun(
                    text(r.path("head_sha")),
                    prs,
                    text(r.path("event")),
                    text(r.path("html_url")),
                    r.path("pull_requests").isArray()
                            && !r.path("pull_requests").isEmpty());
        }
        Issue issue = null;
        JsonNode i = root.get("issue");
        if (i != null && i.isObject()) {
            JsonNode n = i.path("number");
            issue = new Issue(
                    n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : null,
                    i.path("pull_request").isObject());
        }
        return new GitHubEvent(pull, run, issue);
    }

    private static boolean pullRequestEvent(String name) {
        return name != null && PULL_REQUEST_EVENTS.contains(name);
    }

    private static String actionsRunUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repo = env.get("GITHUB_REPOSITORY");
        String run = env.get("GITHUB_RUN_ID");
        if (server == null || repo == null || run == null || !run.matches("\\d+")) {
            return null;
        }
        return server.replaceAll("/+$", "") + "/" + repo + "/actions/runs/" + run;
    }

    private static String fromUrl(String value, Pattern pattern) {
        if (value == null) {
            return null;
        }
        Matcher m = pattern.matcher(value.strip());
        return m.matches() ? repository(m.group(1) + "/" + m.group(2)) : null;
    }

    private static Integer number(String s) {
        return s != null && NUMBER.matcher(s.strip()).matches() ? Integer.valueOf(s.strip()) : null;
    }

    private static String stripOrigin(String gitBranch) {
        if (gitBranch == null) {
            return null;
        }
        return gitBranch.startsWith("origin/") ? gitBranch.substring("origin/".length()) : gitBranch;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
