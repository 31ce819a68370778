package io.github.eventretry.genesys.internal;

import io.github.eventretry.core.text.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** Where requests go. Stateless and thread-safe. */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Returns the OAuth token URI for an API base URI, as the official SDKs derive it: a host starting
   * with {@code api.} gets {@code login.} instead; any other host (a loopback emulator) is used as it
   * is. Scheme and port are kept.
   *
   * @param apiBase such as {@code https://api.mypurecloud.com} or {@code http://127.0.0.1:8080}
   * @return such as {@code https://login.mypurecloud.com/oauth/token}
   * @throws IllegalArgumentException if the URI has no scheme or host
   */
  public static URI tokenUri(URI apiBase) {
    URI base = checkBase(apiBase);
    String host = base.getHost();
    String loginHost = host.toLowerCase(Locale.ROOT).startsWith("api.")
        ? "login." + host.substring(4)
        : host;
    try {
      return new URI(base.getScheme(), null, loginHost, base.getPort(), "/oauth/token", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot derive the token URI from " + apiBase, e);
    }
  }

  /**
   * Checks an API base URI with {@link #checkHttp}.
   *
   * @param apiBase the URI
   * @return the URI without a trailing slash
   * @throws IllegalArgumentException if the URI is not usable as a base
   */
  public static URI checkBase(URI apiBase) {
    checkHttp(apiBase, "base URI");
    String s = apiBase.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : apiBase;
  }

  /**
   * Checks a URI requests are sent to: http or https, a host, no query, no fragment, no user info
   * (a URI that carries credentials would print them wherever it is logged). The message of the
   * exception shows the URI with its user info, query and fragment left out.
   *
   * @param uri the URI
   * @param name what the URI is, for the message, such as {@code endpoint}
   * @return {@code uri}, unchanged
   * @throws NullPointerException naming {@code name} if {@code uri} is null
   * @throws IllegalArgumentException if the URI is not usable
   */
  public static URI checkHttp(URI uri, String name) {
    Objects.requireNonNull(uri, name);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.isOpaque()
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(name + " must be http(s)://host[:port][/path] with no user"
          + " info, query or fragment (rejected: " + SafeText.quote(shown(uri)) + ")");
    }
    return uri;
  }

  /**
   * Parses text a person gave (an environment variable, an option) as an http(s) URI and checks it
   * with {@link #checkHttp}. Unlike {@link URI#create}, whose message repeats the whole text, a
   * malformed value is reported with what is wrong and the value with its user info, query and
   * fragment left out (and control characters escaped), since those parts often hold a password or a
   * key.
   *
   * @param text the text
   * @param name what the URI is, for the message, such as {@code endpoint}
   * @return the URI
   * @throws NullPointerException naming {@code name} if {@code text} is null
   * @throws IllegalArgumentException if the text is not such a URI
   */
  public static URI parse(String text, String name) {
    Objects.requireNonNull(text, name);
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      // getReason() is the JDK's description of the fault ("Malformed IPv6 address"), without the input.
      throw new IllegalArgumentException(name + " is not a valid URL (" + e.getReason()
          + "; rejected: " + SafeText.quote(redact(text.strip())) + ")");
    }
    return checkHttp(uri, name);
  }

  /**
   * Returns text that may be a URL with everything that may hold a credential left out: the part of
   * the authority before its last {@code @}, the query and the fragment. Works on text that does not
   * parse as a URI.
   *
   * @param text the text
   * @return such as {@code http://<user info not shown>@[bad/x?<query not shown>}
   */
  public static String redact(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text;
    String fragment = "";
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
      fragment = "#<fragment not shown>";
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      rest = rest.substring(0, q);
      query = "?<query not shown>";
    }
    int scheme = rest.indexOf("://");
    int authorityStart = scheme >= 0 ? scheme + 3 : 0;
    int slash = rest.indexOf('/', authorityStart);
    int authorityEnd = slash < 0 ? rest.length() : slash;
    int at = rest.lastIndexOf('@', authorityEnd - 1);
    if (at >= authorityStart) {
      rest = rest.substring(0, authorityStart) + "<user info not shown>" + rest.substring(at);
    } else if (scheme < 0 && rest.indexOf('@') >= 0) {
      // No "//": whatever precedes an '@' may be a user and password (mailto-like or a typo).
      rest = "<user info not shown>" + rest.substring(rest.lastIndexOf('@'));
    }
    return rest + query + fragment;
  }

  /** The URI without anything that may hold a credential: user info, query, fragment. */
  private static String shown(URI uri) {
    if (uri.isOpaque()) {
      return uri.getScheme() + ":<not shown>";
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawQuery() == null && uri.getRawFragment() == null
        && (authority == null || authority.indexOf('@') < 0)) {
      return uri.toString();
    }
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) {
      b.append(uri.getScheme()).append(':');
    }
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      b.append("//").append(at < 0 ? authority : "<user info not shown>" + authority.substring(at));
    }
    b.append(uri.getRawPath() == null ? "" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      b.append("?<query not shown>");
    }
    if (uri.getRawFragment() != null) {
      b.append("#<fragment not shown>");
    }
    return b.toString();
  }
}
