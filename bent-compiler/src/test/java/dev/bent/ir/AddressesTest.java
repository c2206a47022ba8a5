package dev.bent.ir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.123.0.21", "255.255.255.255", "192.168.1.9"})
  void dottedQuadsAreIpv4(String text) {
    assertTrue(Addresses.isIpv4(text));
    assertTrue(Addresses.isIpLiteral(text));
    assertFalse(Addresses.isHostName(text), "an IP literal is not a host name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.0.0.1", "10.0.0", "10.0.0.1.2", "010.0.0.1", "10..0.1", "1.2.3.4 ", "\u0661.2.3.4", ""})
  void malformedDottedQuadsAreNeitherIpv4NorHostNames(String text) {
    assertFalse(Addresses.isIpv4(text));
    assertFalse(Addresses.isHostName(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"::", "::1", "fd00::1", "2001:db8:0:0:0:0:2:1", "::ffff:10.0.0.1", "FE80::A:b"})
  void ipv6LiteralsAreIpLiterals(String text) {
    assertTrue(Addresses.isIpv6(text));
    assertTrue(Addresses.isIpLiteral(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1::2::3", "2001:db8:0:0:0:0:2:1:9", "12345::1", "fd00::g", "[::1]", "::1%eth0", ":"})
  void malformedIpv6IsRefused(String text) {
    assertFalse(Addresses.isIpv6(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"beta.svc", "Jaeger", "a-b.c-d.example", "x1", "example.com."})
  void dnsNames(String text) {
    assertTrue(Addresses.isDnsName(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a.svc", "a-.svc", "a..b", ".", "a_b", "caf\u00e9", "\u212Aelvin", "a b"})
  void notDnsNames(String text) {
    assertFalse(Addresses.isDnsName(text));
    assertFalse(Addresses.isHostName(text));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void aLabelHasAtMost63Characters(int length) {
    String name = "a".repeat(length) + ".svc";
    assertTrue(Addresses.isDnsName(name) == (length <= 63));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com.", "1.2.3"})
  void rootDotsAndDigitOnlyNamesAreNotEndpointHostNames(String text) {
    assertTrue(Addresses.isDnsName(text));
    assertFalse(Addresses.isHostName(text));
  }
}
