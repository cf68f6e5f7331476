package org.rehabit.session.log;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehabit.session.program.Side;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand check of a session log's body ({@link LogSessionRequest#satisfiesConstraints()}, which lets a valid log skip
 * Hibernate Validator) says yes exactly when Hibernate Validator finds no violation of the declared constraints: on
 * every boundary of every constrained field and on generated bodies mixing valid and invalid values. A check that said
 * yes to a body the constraints refuse would store what a client is told is refused.
 */
class LogSessionRequestTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 18, 8, 30, 0, 0, ZoneOffset.ofHours(1));
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void agreesWithHibernateValidatorOnEveryBoundary() {
        List<LogSessionRequest> requests = new ArrayList<>();
        LogSessionRequest.Item item = new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.DONE, 2, 10, 5,
                Side.LEFT, 3);
        LogSessionRequest valid = new LogSessionRequest(null, AT, 3, 2, 4, 900, "fine", null, List.of(item));
        requests.add(valid);
        for (Integer pain : boundaries(0, 10)) {
            requests.add(new LogSessionRequest(null, AT, pain, 2, null, null, null, null, List.of(item)));
            requests.add(new LogSessionRequest(null, AT, 2, pain, null, null, null, null, List.of(item)));
        }
        for (Integer difficulty : boundaries(1, 10)) {
            requests.add(new LogSessionRequest(null, AT, 2, 2, difficulty, null, null, null, List.of(item)));
        }
        for (Integer duration : boundaries(0, 86_400)) {
            requests.add(new LogSessionRequest(null, AT, 2, 2, null, duration, null, null, List.of(item)));
        }
        for (int length : new int[] {0, 1, 1999, 2000, 2001, 5000}) {
            requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, "n".repeat(length), null, List.of(item)));
        }
        // a character outside the BMP counts as two, as the constraint counts it
        requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, "\uD83D\uDE00".repeat(1000), null,
                List.of(item)));
        requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, "\uD83D\uDE00".repeat(1000) + "x", null,
                List.of(item)));
        requests.add(new LogSessionRequest(null, null, 2, 2, null, null, null, null, List.of(item)));
        for (int n : new int[] {0, 1, 49, 50, 51}) {
            requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, null, null,
                    java.util.Collections.nCopies(n, item)));
        }
        requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, null, null, null));
        requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, null, null, Arrays.asList(item, null)));
        requests.add(new LogSessionRequest(UUID.randomUUID(), AT, 2, 2, null, null, null, UUID.randomUUID(),
                List.of(new LogSessionRequest.Item(null, ItemStatus.DONE, null, null, null, null, null))));
        requests.add(new LogSessionRequest(null, AT, 2, 2, null, null, null, null,
                List.of(new LogSessionRequest.Item(UUID.randomUUID(), null, null, null, null, null, null))));
        for (Integer sets : boundaries(0, 100)) {
            requests.add(withItem(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.DONE, sets, null, null,
                    null, null)));
        }
        for (Integer reps : boundaries(0, 1000)) {
            requests.add(withItem(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.DONE, null, reps, null,
                    null, null)));
        }
        for (Integer hold : boundaries(0, 3600)) {
            requests.add(withItem(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.SKIPPED, null, null, hold,
                    null, null)));
        }
        for (Integer pain : boundaries(0, 10)) {
            requests.add(withItem(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.DONE, null, null, null,
                    Side.RIGHT, pain)));
        }
        int refused = 0;
        for (LogSessionRequest request : requests) {
            boolean none = validator.validate(request).isEmpty();
            assertEquals(none, request.satisfiesConstraints(), request.toString());
            refused += none ? 0 : 1;
        }
        assertTrue(refused > 30, "the boundaries include refused values: " + refused);
    }

    @Test
    void agreesWithHibernateValidatorOnGeneratedBodies() {
        Random random = new Random(18);
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            List<LogSessionRequest.Item> items = new ArrayList<>();
            for (int k = random.nextInt(random.nextInt(10) == 0 ? 60 : 5); k > 0; k--) {
                items.add(random.nextInt(200) == 0 ? null : new LogSessionRequest.Item(
                        random.nextInt(100) == 0 ? null : UUID.randomUUID(),
                        random.nextInt(100) == 0 ? null : ItemStatus.values()[random.nextInt(2)],
                        maybe(random, -1, 101), maybe(random, -1, 1001), maybe(random, -1, 3601),
                        random.nextBoolean() ? null : Side.values()[random.nextInt(Side.values().length)],
                        maybe(random, -1, 11)));
            }
            LogSessionRequest request = new LogSessionRequest(random.nextBoolean() ? null : UUID.randomUUID(),
                    random.nextInt(100) == 0 ? null : AT, maybe(random, -1, 11), maybe(random, -1, 11),
                    maybe(random, 0, 11), maybe(random, -1, 86_401),
                    random.nextBoolean() ? null : "x".repeat(random.nextInt(10) == 0 ? 2001 : random.nextInt(40)),
                    random.nextBoolean() ? null : UUID.randomUUID(), random.nextInt(100) == 0 ? null : items);
            boolean none = validator.validate(request).isEmpty();
            assertEquals(none, request.satisfiesConstraints(), request.toString());
            accepted += none ? 1 : 0;
        }
        assertTrue(accepted > 300 && accepted < 2700, "both verdicts are exercised: " + accepted + " accepted");
    }

    /** Null (rarely), a value just outside [min, max] on either side (now and then), else a value inside. */
    private static Integer maybe(Random random, int below, int above) {
        int roll = random.nextInt(40);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return below;
        }
        if (roll == 2) {
            return above;
        }
        return below + 1 + random.nextInt(above - below - 1);
    }

    private static LogSessionRequest withItem(LogSessionRequest.Item item) {
        return new LogSessionRequest(null, AT, 2, 2, null, null, null, null, List.of(item));
    }

    /** The values around [min, max], the extremes and null (refused where the field is required). */
    private static List<Integer> boundaries(int min, int max) {
        List<Integer> values = new ArrayList<>(Arrays.asList(Integer.MIN_VALUE, min - 1, min, min + 1, max - 1, max,
                max + 1, Integer.MAX_VALUE));
        values.add(null);
        return values;
    }
}
