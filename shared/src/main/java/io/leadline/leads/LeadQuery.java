package io.leadline.leads;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which leads to list, newest first.
 *
 * @param owner  whose leads; {@link Owner#mineOrUnassigned} is what a rep may see at most
 * @param after  where the previous page ended (DynamoDB's last evaluated key), if any
 */
public record LeadQuery(Optional<LeadStatus> status, Owner owner, Optional<String> flowId,
                        Optional<Instant> createdFrom, Optional<Instant> createdTo, int limit,
                        Optional<Map<String, AttributeValue>> after) {

    /** An owner filter. */
    public sealed interface Owner {
        record Any() implements Owner {
        }

        record Exactly(String ownerKey) implements Owner {
        }

        record MineOrUnassigned(String userId) implements Owner {
        }

        static Owner any() {
            return new Any();
        }

        static Owner user(String userId) {
            return new Exactly(userId);
        }

        static Owner unassigned() {
            return new Exactly(Lead.UNASSIGNED);
        }

        static Owner mineOrUnassigned(String userId) {
            return new MineOrUnassigned(userId);
        }
    }
}
