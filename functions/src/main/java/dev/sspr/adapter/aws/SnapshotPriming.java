package dev.sspr.adapter.aws;

import dev.sspr.adapter.messaging.MessagingClients;
import dev.sspr.core.Secret;
import dev.sspr.core.captcha.ImageCaptchaProvider;
import dev.sspr.core.password.PasswordHasher;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A SnapStart runtime hook that runs, before Lambda takes the snapshot of an initialised function,
 * the work that would otherwise slow the first request of every restored container. It loads the
 * CAPTCHA font, the bcrypt classes and the SDK request classes, and sends nothing.
 */
final class SnapshotPriming implements Resource {
    /** Keeps the registered hook reachable; CRaC contexts may hold their resources weakly. */
    private static SnapshotPriming registered;

    private final MessagingClients messaging;
    private final ImageCaptchaProvider captchas;

    SnapshotPriming(MessagingClients messaging, ImageCaptchaProvider captchas) {
        this.messaging = messaging;
        this.captchas = captchas;
    }

    /** Registers the hook with the JVM's global CRaC context, once per container. */
    static synchronized void register(MessagingClients messaging, ImageCaptchaProvider captchas) {
        if (registered == null) {
            registered = new SnapshotPriming(messaging, captchas);
            Core.getGlobalContext().register(registered);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the clients resolve credentials and connections on first use.
    }

    /** Runs the priming work; public to the package so a test can run it without CRaC. */
    void prime() {
        messaging.primeBeforeSnapshot();
        captchas.issue("priming");
        PasswordHasher.forTestsWithCost(4).hash(Secret.of("priming the bcrypt classes"));
    }
}
