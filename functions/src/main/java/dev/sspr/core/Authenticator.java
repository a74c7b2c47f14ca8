package dev.sspr.core;

/** The physical thing a verification method relies on. Two methods on one authenticator are one factor. */
public enum Authenticator {
    PHONE,
    APP
}
