import io.mlopsci.contract.result.Criterion;
import io.mlopsci.contract.result.ResultJson;
import io.mlopsci.contract.result.StepResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.stream.Collectors;

/**
 * Prints each criterion's id, status and bootstrap interval from the result.json on stdin, read by
 * the engine's own parser: java -cp shared-core/target/mlops.jar bench/gate-bootstrap/Intervals.java
 */
public class Intervals {
    public static void main(String[] args) throws Exception {
        String json = new BufferedReader(new InputStreamReader(System.in)).lines().collect(Collectors.joining("\n"));
        StepResult r = ResultJson.parse(json, "stdin");
        System.out.println("verdict " + r.verdict() + ": " + r.summary());
        for (Criterion c : r.criteria()) {
            System.out.println("  " + c.id() + " " + c.status()
                    + (c.interval() == null ? "" : " interval [" + c.interval().low() + ", " + c.interval().high() + "]"));
        }
    }
}
