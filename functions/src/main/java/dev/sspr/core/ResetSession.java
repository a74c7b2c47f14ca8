package dev.sspr.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server-side state of one password reset. A store saves it with optimistic locking on
 * {@link #version()}: an update succeeds only if no other write saved a newer version in between.
 */
public final class ResetSession {
    private final String id;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final String sourceIp;
    private long version;
    private Stage stage = Stage.CAPTCHA;
    private String captchaDigest;
    private Instant captchaExpiresAt;
    private String captchaSealed;
    private String username;
    private boolean knownUser;
    private final List<MethodType> offeredMethods = new ArrayList<>();
    private final List<MethodType> verifiedMethods = new ArrayList<>();
    private Challenge challenge;
    private final Map<MethodType, Integer> codeFailures = new EnumMap<>(MethodType.class);

    public ResetSession(String id, Instant createdAt, Instant expiresAt, String sourceIp) {
        this.id = Objects.requireNonNull(id, "id");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.sourceIp = sourceIp;
    }

    /** Returns a deep copy, so a store never shares mutable state with a caller. */
    public ResetSession copy() {
        ResetSession copy = new ResetSession(id, createdAt, expiresAt, sourceIp);
        copy.version = version;
        copy.stage = stage;
        copy.captchaDigest = captchaDigest;
        copy.captchaExpiresAt = captchaExpiresAt;
        copy.captchaSealed = captchaSealed;
        copy.username = username;
        copy.knownUser = knownUser;
        copy.offeredMethods.addAll(offeredMethods);
        copy.verifiedMethods.addAll(verifiedMethods);
        copy.challenge = challenge;
        copy.codeFailures.putAll(codeFailures);
        return copy;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public long version() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public Stage stage() {
        return stage;
    }

    public void setStage(Stage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    public String captchaDigest() {
        return captchaDigest;
    }

    public Instant captchaExpiresAt() {
        return captchaExpiresAt;
    }

    public void setCaptcha(String digest, Instant expiresAt) {
        this.captchaDigest = digest;
        this.captchaExpiresAt = expiresAt;
        if (digest == null) {
            this.captchaSealed = null;
        }
    }

    /** Returns the encrypted CAPTCHA answer kept for the audio version, or null. */
    public String captchaSealed() {
        return captchaSealed;
    }

    public void setCaptchaSealed(String sealed) {
        this.captchaSealed = sealed;
    }

    /** Returns the normalised username the person gave, or null before identification. */
    public String username() {
        return username;
    }

    public boolean knownUser() {
        return knownUser;
    }

    public void setIdentity(String username, boolean knownUser, List<MethodType> offered) {
        this.username = username;
        this.knownUser = knownUser;
        this.offeredMethods.clear();
        this.offeredMethods.addAll(offered);
    }

    public List<MethodType> offeredMethods() {
        return List.copyOf(offeredMethods);
    }

    public List<MethodType> verifiedMethods() {
        return List.copyOf(verifiedMethods);
    }

    public void addVerifiedMethod(MethodType method) {
        verifiedMethods.add(method);
    }

    /** Returns the pending code challenge, or null when none is open. */
    public Challenge challenge() {
        return challenge;
    }

    public void setChallenge(Challenge challenge) {
        this.challenge = challenge;
    }

    public int codeFailures(MethodType method) {
        return codeFailures.getOrDefault(method, 0);
    }

    public void setCodeFailures(MethodType method, int failures) {
        codeFailures.put(method, failures);
    }

    public Map<MethodType, Integer> allCodeFailures() {
        return Map.copyOf(codeFailures);
    }

    @Override
    public String toString() {
        return "ResetSession[id=" + id + ", stage=" + stage + ", version=" + version + "]";
    }
}
