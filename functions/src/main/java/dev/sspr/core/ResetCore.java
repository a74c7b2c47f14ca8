package dev.sspr.core;

import dev.sspr.core.captcha.CaptchaAudioRenderer;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordPolicy;
import dev.sspr.core.port.AuditLog;
import dev.sspr.core.port.CaptchaProvider;
import dev.sspr.core.port.DeviceRegistry;
import dev.sspr.core.port.LimitStore;
import dev.sspr.core.port.PushChallengeStore;
import dev.sspr.core.port.PushNotifier;
import dev.sspr.core.port.PasswordMac;
import dev.sspr.core.port.SessionStore;
import dev.sspr.core.port.SmsSender;
import dev.sspr.core.port.UserDirectory;
import dev.sspr.core.port.VoiceCaller;
import dev.sspr.core.totp.TotpVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything the steps of the reset flow need: the ports to the outside world, the clock, the
 * settings and the credential checks. Built once per container and shared by every request.
 */
public final class ResetCore {
    final SessionStore sessions;
    final UserDirectory users;
    final SmsSender sms;
    final VoiceCaller voice;
    final AuditLog audit;
    final CaptchaProvider captchas;
    final Clock clock;
    final ResetSettings settings;
    final KeyedDigests digests;
    final PasswordPolicy passwordPolicy;
    final PasswordHasher passwordHasher;
    final PasswordHistory passwordHistory;
    final TotpVerifier totp;
    final Usernames usernames;
    final UserLimits userLimits;
    final LimitStore limitStore;
    final PushChallengeStore pushChallenges;
    final DeviceRegistry devices;
    final PushNotifier pushNotifier;
    final CaptchaAudioRenderer captchaAudio = new CaptchaAudioRenderer();
    final SecureRandom random = new SecureRandom();

    private ResetCore(Builder builder) {
        this.sessions = Objects.requireNonNull(builder.sessions, "sessions");
        this.users = Objects.requireNonNull(builder.users, "users");
        this.sms = Objects.requireNonNull(builder.sms, "sms");
        this.voice = Objects.requireNonNull(builder.voice, "voice");
        this.audit = Objects.requireNonNull(builder.audit, "audit");
        this.captchas = Objects.requireNonNull(builder.captchas, "captchas");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.digests = Objects.requireNonNull(builder.digests, "digests");
        this.passwordPolicy = Objects.requireNonNull(builder.passwordPolicy, "passwordPolicy");
        this.passwordHasher = Objects.requireNonNull(builder.passwordHasher, "passwordHasher");
        this.pushChallenges = Objects.requireNonNull(builder.pushChallenges, "pushChallenges");
        this.devices = Objects.requireNonNull(builder.devices, "devices");
        this.pushNotifier = Objects.requireNonNull(builder.pushNotifier, "pushNotifier");
        this.limitStore = Objects.requireNonNull(builder.limits, "limits");
        this.userLimits = new UserLimits(limitStore, settings.limits());
        this.passwordHistory = new PasswordHistory(Objects.requireNonNull(builder.passwordMac, "passwordMac"));
        this.totp = new TotpVerifier(clock);
        this.usernames = new Usernames(settings.emailDomain());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    public ResetSettings settings() {
        return settings;
    }

    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public KeyedDigests digests() {
        return digests;
    }

    /** Lifts the reset lock of a username and clears its failure count, as an administrator's unlock does. */
    public void unlock(String typedUsername) {
        userLimits.unlock(usernames.normalise(typedUsername));
    }

    /** Collects the parts of a {@link ResetCore}; every part is required. */
    public static final class Builder {
        private SessionStore sessions;
        private UserDirectory users;
        private SmsSender sms;
        private VoiceCaller voice;
        private AuditLog audit;
        private CaptchaProvider captchas;
        private Clock clock;
        private ResetSettings settings;
        private KeyedDigests digests;
        private PasswordPolicy passwordPolicy;
        private PasswordHasher passwordHasher;
        private LimitStore limits;
        private PushChallengeStore pushChallenges;
        private DeviceRegistry devices;
        private PushNotifier pushNotifier;
        private PasswordMac passwordMac;

        public Builder sessions(SessionStore value) {
            this.sessions = value;
            return this;
        }

        public Builder users(UserDirectory value) {
            this.users = value;
            return this;
        }

        public Builder sms(SmsSender value) {
            this.sms = value;
            return this;
        }

        public Builder voice(VoiceCaller value) {
            this.voice = value;
            return this;
        }

        public Builder audit(AuditLog value) {
            this.audit = value;
            return this;
        }

        public Builder captchas(CaptchaProvider value) {
            this.captchas = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder settings(ResetSettings value) {
            this.settings = value;
            return this;
        }

        public Builder digests(KeyedDigests value) {
            this.digests = value;
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy value) {
            this.passwordPolicy = value;
            return this;
        }

        public Builder passwordHasher(PasswordHasher value) {
            this.passwordHasher = value;
            return this;
        }

        public Builder limits(LimitStore value) {
            this.limits = value;
            return this;
        }

        public Builder pushChallenges(PushChallengeStore value) {
            this.pushChallenges = value;
            return this;
        }

        public Builder devices(DeviceRegistry value) {
            this.devices = value;
            return this;
        }

        public Builder pushNotifier(PushNotifier value) {
            this.pushNotifier = value;
            return this;
        }

        public Builder passwordMac(PasswordMac value) {
            this.passwordMac = value;
            return this;
        }

        public ResetCore build() {
            return new ResetCore(this);
        }
    }
}
