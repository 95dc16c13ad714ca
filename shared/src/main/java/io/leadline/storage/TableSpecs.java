package io.leadline.storage;

import io.leadline.storage.TableSpec.Index;
import io.leadline.storage.TableSpec.Key;

import java.util.List;
import java.util.Optional;

/** The tables Leadline owns, named by configuration. */
public final class TableSpecs {

    private TableSpecs() {
    }

    public static List<TableSpec> all(TableNames names) {
        return List.of(
                new TableSpec(names.conversations(), Key.string("id"), Optional.of(Key.string("sk")), List.of(
                        new Index("byEmailIndex", Key.string("emailIndex"), Optional.empty()),
                        new Index("byPhoneIndex", Key.string("phoneIndex"), Optional.empty()))),
                new TableSpec(names.leads(), Key.string("id"), Optional.of(Key.string("sk")), List.of(
                        new Index("byEmailIndex", Key.string("emailIndex"), Optional.empty()),
                        new Index("byPhoneIndex", Key.string("phoneIndex"), Optional.empty()),
                        new Index("byOwner", Key.string("ownerKey"), Optional.of(Key.string("createdAt"))),
                        new Index("byCreated", Key.string("kind"), Optional.of(Key.string("createdAt"))))),
                new TableSpec(names.consent(), Key.string("conversationId"), Optional.of(Key.string("sk")), List.of()),
                new TableSpec(names.audit(), Key.string("chain"), Optional.of(Key.number("seq")), List.of()),
                new TableSpec(names.analytics(), Key.string("pk"), Optional.of(Key.string("sk")), List.of()),
                new TableSpec(names.keys(), Key.string("id"), Optional.empty(), List.of()),
                new TableSpec(names.events(), Key.string("id"), Optional.empty(), List.of(), true));
    }
}
