package io.leadline.template;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsServiceClientConfiguration;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS calls one function's code made, as the IAM permissions they need: {@code dynamodb:GetItem} on a
 * table name (or {@code <table>/index/<name>} for an index), {@code kms:Decrypt}, {@code cognito-idp:…}.
 * DynamoDB calls are recorded by an SDK interceptor on a real client (DynamoDB Local behind it); KMS and
 * Cognito by small stand-ins that do just enough for the code to go on.
 */
final class RecordedCalls {

    /** One permission a call needed: the IAM action and the resource it acted on (a table name, or "*"). */
    record Permission(String action, String resource) implements Comparable<Permission> {
        @Override
        public int compareTo(Permission o) {
            return (action + " " + resource).compareTo(o.action + " " + o.resource);
        }

        @Override
        public String toString() {
            return action + " on " + resource;
        }
    }

    private final Set<Permission> permissions = ConcurrentHashMap.newKeySet();

    Set<Permission> permissions() {
        return new TreeSet<>(permissions);
    }

    Set<Permission> permissions(String service) {
        Set<Permission> out = new TreeSet<>();
        permissions.stream().filter(p -> p.action().startsWith(service + ":")).forEach(out::add);
        return out;
    }

    private void add(String action, String resource) {
        permissions.add(new Permission(action, resource));
    }

    /**
     * For a DynamoDB client: each request as the IAM actions it needs on which tables. A transaction
     * needs the item-level action of each of its items (there is no IAM action for the transaction
     * itself); a query or scan of an index needs the action on the index.
     */
    ExecutionInterceptor dynamoDb() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                SdkRequest request = context.request();
                switch (request) {
                    case TransactWriteItemsRequest tx -> tx.transactItems().forEach(item -> {
                        if (item.put() != null) {
                            add("dynamodb:PutItem", item.put().tableName());
                        }
                        if (item.update() != null) {
                            add("dynamodb:UpdateItem", item.update().tableName());
                        }
                        if (item.delete() != null) {
                            add("dynamodb:DeleteItem", item.delete().tableName());
                        }
                        if (item.conditionCheck() != null) {
                            add("dynamodb:ConditionCheckItem", item.conditionCheck().tableName());
                        }
                    });
                    case TransactGetItemsRequest tx -> tx.transactItems().forEach(item -> add("dynamodb:GetItem", item.get().tableName()));
                    case BatchWriteItemRequest batch -> batch.requestItems().keySet().forEach(t -> add("dynamodb:BatchWriteItem", t));
                    case BatchGetItemRequest batch -> batch.requestItems().keySet().forEach(t -> add("dynamodb:BatchGetItem", t));
                    case QueryRequest q -> add("dynamodb:Query", q.indexName() == null ? q.tableName() : q.tableName() + "/index/" + q.indexName());
                    case ScanRequest s -> add("dynamodb:Scan", s.indexName() == null ? s.tableName() : s.tableName() + "/index/" + s.indexName());
                    default -> add("dynamodb:" + operation, request.getValueForField("TableName", String.class)
                            .orElseThrow(() -> new AssertionError("a DynamoDB call without a table: " + operation)));
                }
            }
        };
    }

    /**
     * A KMS stand-in for the Encryption SDK's KMS keyring: GenerateDataKey hands out a random key and a
     * "ciphertext" that is only a marked copy of it; Decrypt reverses that. Not encryption: this records
     * which operations the code needs, nothing more. Anything else the code called would fail the test.
     */
    KmsClient kms(String keyArn) {
        SecureRandom random = new SecureRandom();
        byte[] mark = "recorded-kms:".getBytes(StandardCharsets.UTF_8);
        return stub(KmsClient.class, (method, args) -> switch (args[0]) {
            case GenerateDataKeyRequest r -> {
                add("kms:GenerateDataKey", r.keyId());
                byte[] key = new byte[r.numberOfBytes() == null ? 32 : r.numberOfBytes()];
                random.nextBytes(key);
                byte[] blob = Arrays.copyOf(mark, mark.length + key.length);
                System.arraycopy(key, 0, blob, mark.length, key.length);
                yield GenerateDataKeyResponse.builder().keyId(keyArn)
                        .plaintext(SdkBytes.fromByteArray(key)).ciphertextBlob(SdkBytes.fromByteArray(blob)).build();
            }
            case DecryptRequest r -> {
                add("kms:Decrypt", r.keyId() == null ? "*" : r.keyId());
                byte[] blob = r.ciphertextBlob().asByteArray();
                yield DecryptResponse.builder().keyId(keyArn)
                        .plaintext(SdkBytes.fromByteArray(Arrays.copyOfRange(blob, mark.length, blob.length))).build();
            }
            default -> {
                add("kms:" + method, "*");
                throw new UnsupportedOperationException("the recording KMS stand-in does not do " + method);
            }
        }, Map.of("serviceClientConfiguration", KmsServiceClientConfiguration.builder().region(Region.AP_SOUTHEAST_1).build()));
    }

    /** A user of the Cognito stand-in. */
    record PoolUser(String sub, String username, Set<String> groups, boolean[] enabled) {
        UserType type() {
            return UserType.builder().username(username).enabled(enabled[0])
                    .attributes(AttributeType.builder().name("sub").value(sub).build()).build();
        }
    }

    /**
     * A user pool stand-in holding {@code users}, answering the calls of the console's user directory as
     * Cognito would (users by group, by sub, their groups; create, add to group, disable, sign out).
     */
    CognitoIdentityProviderClient cognito(List<PoolUser> users) {
        List<PoolUser> pool = new ArrayList<>(users);
        return stub(CognitoIdentityProviderClient.class, (method, args) -> {
            add("cognito-idp:" + Character.toUpperCase(method.charAt(0)) + method.substring(1), "userpool");
            return switch (args[0]) {
                case ListUsersInGroupRequest r -> ListUsersInGroupResponse.builder()
                        .users(pool.stream().filter(u -> u.groups().contains(r.groupName())).map(PoolUser::type).toList()).build();
                case ListUsersRequest r -> ListUsersResponse.builder()
                        .users(pool.stream().filter(u -> r.filter().equals("sub = \"" + u.sub() + "\"")).map(PoolUser::type).toList()).build();
                case AdminListGroupsForUserRequest r -> AdminListGroupsForUserResponse.builder()
                        .groups(find(pool, r.username()).groups().stream().map(g -> GroupType.builder().groupName(g).build()).toList()).build();
                case AdminCreateUserRequest r -> {
                    if (pool.stream().anyMatch(u -> u.username().equals(r.username()))) {
                        throw UsernameExistsException.builder().message("exists").build();
                    }
                    PoolUser u = new PoolUser(UUID.randomUUID().toString(), r.username(), new java.util.HashSet<>(), new boolean[]{true});
                    pool.add(u);
                    yield AdminCreateUserResponse.builder().user(u.type()).build();
                }
                default -> {
                    String username = args[0] instanceof SdkRequest r ? r.getValueForField("Username", String.class).orElse(null) : null;
                    if (method.equals("adminAddUserToGroup")) {
                        find(pool, username).groups().add(((SdkRequest) args[0]).getValueForField("GroupName", String.class).orElseThrow());
                    } else if (method.equals("adminDisableUser")) {
                        find(pool, username).enabled()[0] = false;
                    } else if (!method.equals("adminUserGlobalSignOut")) {
                        throw new UnsupportedOperationException("the Cognito stand-in does not do " + method);
                    }
                    yield responseFor(method);
                }
            };
        }, Map.of());
    }

    private static PoolUser find(List<PoolUser> pool, String username) {
        return pool.stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
    }

    /** An empty response of the operation's own type (the code only needs the call to succeed). */
    private static Object responseFor(String method) {
        String type = "software.amazon.awssdk.services.cognitoidentityprovider.model."
                + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Response";
        try {
            Object builder = Class.forName(type).getMethod("builder").invoke(null);
            var build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            return build.invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type, e);
        }
    }

    interface Operation {
        Object call(String method, Object[] args) throws Exception;
    }

    /**
     * A client interface whose request-taking methods go to {@code operation}; the SDK's convenience
     * overloads (consumer builders, paginators) run as the interface defines them, so they end up there too.
     */
    private static <T> T stub(Class<T> client, Operation operation, Map<String, Object> fixed) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (fixed.containsKey(method.getName())) {
                return fixed.get(method.getName());
            }
            if (method.getName().equals("close")) {
                return null;
            }
            if (method.getName().equals("serviceName")) {
                return client.getSimpleName();
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> client.getSimpleName() + " stand-in";
                };
            }
            if (args != null && args.length == 1 && args[0] instanceof SdkRequest && !method.getName().endsWith("Paginator")) {
                return operation.call(method.getName(), args);
            }
            if (method.isDefault()) {
                try {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            throw new UnsupportedOperationException(client.getSimpleName() + " stand-in: " + method);
        };
        return client.cast(Proxy.newProxyInstance(client.getClassLoader(), new Class<?>[]{client}, handler));
    }
}
