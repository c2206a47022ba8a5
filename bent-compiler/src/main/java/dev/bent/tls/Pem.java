package dev.bent.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes PEM certificates and private keys with Bouncy Castle. A failure says what was
 * wrong with the text, never the text itself: a key must not reach a log or an error message.
 */
public final class Pem {
  private Pem() {}

  /** The certificates in {@code pem}, in file order; none is an error. */
  public static List<X509Certificate> certificates(byte[] pem) throws PemException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        } else {
          throw new PemException("holds a " + kind(item) + " where only certificates belong");
        }
      }
    } catch (IOException | CertificateException e) {
      throw new PemException("is not valid PEM certificate text");
    }
    if (out.isEmpty()) {
      throw new PemException("holds no PEM certificate");
    }
    return out;
  }

  /** The one private key in {@code pem} (PKCS#8, or a traditional RSA/EC key). */
  public static PrivateKey privateKey(byte[] pem) throws PemException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object item = parser.readObject();
      if (item instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (item instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new PemException(item == null ? "holds no PEM private key" : "holds a " + kind(item)
          + " where an unencrypted private key belongs");
    } catch (IOException e) {
      throw new PemException("is not valid PEM private key text");
    }
  }

  /** The PEM text of {@code objects} (certificates, keys). */
  public static byte[] write(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The PKCS#8 PEM text ({@code PRIVATE KEY}) of {@code key}. */
  public static byte[] privateKey(PrivateKey key) {
    return write(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
  }

  private static String kind(Object item) {
    String name = item.getClass().getSimpleName();
    return name.startsWith("PEMEncrypted") || name.contains("Encrypted") ? "encrypted key" : name;
  }

  /** PEM text that is not what was expected; the message completes "FILE ...". */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }
}
