package dev.sspr.local;

import dev.sspr.core.Secret;
import dev.sspr.core.port.SmsSender;
import dev.sspr.core.port.VoiceCaller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Delivers SMS and voice messages to memory instead of a phone, for {@code /dev/outbox}. This is
 * the one place where codes are meant to be readable: it exists only in the local runner.
 */
public final class Outbox implements SmsSender, VoiceCaller {
    private static final int CAPACITY = 1000;

    /** One delivered message. */
    public record Message(String channel, String to, String text, Instant sentAt) {
    }

    private final Clock clock;
    private final Deque<Message> messages = new ArrayDeque<>();

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(String toE164, Secret text) {
        add(new Message("sms", toE164, text.reveal(), clock.instant()));
    }

    @Override
    public void call(String toE164, Secret script) {
        add(new Message("voice", toE164, script.reveal(), clock.instant()));
    }

    /** Returns the delivered messages, oldest first. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    private synchronized void add(Message message) {
        messages.addLast(message);
        while (messages.size() > CAPACITY) {
            messages.removeFirst();
        }
    }
}
