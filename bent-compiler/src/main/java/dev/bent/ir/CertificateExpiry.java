package dev.bent.ir;

import java.time.Instant;

/**
 * When the certificates of a compile expire: the earliest end of validity among the trust bundle
 * and the node certificates, and how many of them end within the warning window.
 */
public record CertificateExpiry(Instant earliest, int withinWindow) {}
