package io.leadline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many visitors at once through the local gateway on loopback for a bounded time (60 s by default;
 * -Dleadline.load.seconds, -Dleadline.load.visitors): each goes through website-lead to a lead with
 * details of their own ({@link ChatLoad}). Zero errors, and afterwards every completed conversation is
 * in exactly one lead and there is no other lead: none lost, none doubled. Prints the figures
 * BENCHMARKS.md reports. The chat rate limits are off: every request comes from one address here.
 */
class ChatLoadE2ETest {

    @TempDir
    Path data;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void concurrentVisitorsLeaveExactlyOneLeadEachAndNoErrors() throws Exception {
        int seconds = Integer.getInteger("leadline.load.seconds", 60);
        int visitors = Integer.getInteger("leadline.load.visitors", 16);
        LocalProduct product = running.start(RunningProduct.options(data).withoutChatRateLimits());

        ChatLoad.Result result = new ChatLoad(product.baseUrl()).run(visitors, Duration.ofSeconds(seconds));
        System.out.println("load: " + result.summary());

        assertEquals(Set.of(200, 201), result.statuses().keySet(), "no errors: " + result.statuses());
        assertEquals(0, result.refused(), "every answer of the script was accepted");
        assertEquals(List.of(), ChatLoad.leads(product).problems(result.completed()),
                "every completed conversation is in exactly one lead, and there is no other lead");
        assertTrue(result.completed().size() > visitors, "the run completed conversations: " + result.completed().size());
    }
}
