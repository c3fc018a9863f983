package dev.aigcmark.core.internal.c2pa.cose;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Names in X.509 certificates as reports show them: the common name, or each attribute of a DN. */
public final class CertificateNames {
    private CertificateNames() {
    }

    /** The subject's CN, else the whole subject DN. */
    public static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        String cn = attributes(dn).get("CN");
        return cn != null ? cn : dn;
    }

    /**
     * The named attributes of an RFC 2253 DN in the order written in the certificate (C, ST, L, O, OU, CN...); a
     * repeated attribute keeps its first value; attributes without a short name (an OID such as the e-mail
     * address's) are left out, as the reference leaves them out. Unparseable names give an empty map.
     */
    public static Map<String, String> attributes(String rfc2253) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            // LdapName's first RDN is the rightmost of the RFC 2253 text, which is the first one encoded.
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                String type = rdn.getType().toUpperCase(Locale.ROOT);
                if (!Character.isDigit(type.charAt(0))) {
                    out.putIfAbsent(type, rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            return Map.of();
        }
        return out;
    }
}
