package dev.aigcmark.core.c2pa.cose;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
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
     * The attributes of an RFC 2253 DN in the order written in the certificate (C, ST, L, O, OU, CN...); a
     * repeated attribute keeps its first value. Unparseable names give an empty map.
     */
    public static Map<String, String> attributes(String rfc2253) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            // LdapName lists RDNs right to left (last written first); reverse to the certificate's order.
            var rdns = new LdapName(rfc2253).getRdns();
            for (int i = 0; i < rdns.size(); i++) {
                Rdn rdn = rdns.get(i);
                out.putIfAbsent(rdn.getType().toUpperCase(java.util.Locale.ROOT), rdn.getValue().toString());
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            return Map.of();
        }
        return out;
    }
}
