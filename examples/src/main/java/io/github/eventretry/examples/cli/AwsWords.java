package io.github.eventretry.examples.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's error codes in a person's words. AWS names its errors like Java exceptions
 * ({@code InvalidSignatureException}), which the command line never shows; this says what they mean,
 * and what to check when it is the credentials. Stateless.
 */
final class AwsWords {
  private static final Map<String, String> CODES = Map.ofEntries(
      Map.entry("InvalidSignatureException", "a wrong signature"),
      Map.entry("SignatureDoesNotMatch", "a wrong signature"),
      Map.entry("UnrecognizedClientException", "an unknown access key"),
      Map.entry("InvalidClientTokenId", "an unknown access key"),
      Map.entry("AccessDeniedException", "access denied"),
      Map.entry("AccessDenied", "access denied"),
      Map.entry("ExpiredTokenException", "an expired session token"),
      Map.entry("ExpiredToken", "an expired session token"),
      Map.entry("ThrottlingException", "throttling"),
      Map.entry("Throttling", "throttling"),
      Map.entry("ResourceNotFoundException", "not found"),
      Map.entry("ValidationException", "invalid values"),
      Map.entry("InvalidParameterValue", "invalid values"),
      Map.entry("ConcurrentModificationException", "a concurrent modification"),
      Map.entry("LimitExceededException", "a limit exceeded"),
      Map.entry("ManagedRuleException", "a rule managed by another AWS service"),
      Map.entry("InternalException", "an internal failure"),
      Map.entry("InternalFailure", "an internal failure"),
      Map.entry("InternalServiceError", "an internal failure"));
  private static final Pattern CODE = Pattern.compile("\\b(" + String.join("|", CODES.keySet()) + ")\\b");
  private static final Pattern CREDENTIALS = Pattern.compile("\\b(InvalidSignatureException"
      + "|SignatureDoesNotMatch|UnrecognizedClientException|InvalidClientTokenId)\\b");

  private AwsWords() {}

  /**
   * Returns whether an AWS error code says the credentials are wrong.
   *
   * @param code such as {@code InvalidSignatureException}
   * @return true for a wrong signature (a wrong secret) or an unknown access key
   */
  static boolean isCredentialError(String code) {
    return CREDENTIALS.matcher(code).matches();
  }

  /**
   * Says that AWS refused the credentials, in a person's words: AWS's own first sentence and what to
   * check. Never shows a key.
   *
   * @param e a failure whose error code {@link #isCredentialError} accepts
   * @return such as {@code AWS refused the credentials: "The request signature we calculated does not
   *     match the signature you provided" (AWS_SECRET_ACCESS_KEY is not the secret of AWS_ACCESS_KEY_ID,
   *     or the profile's keys are not a pair)}
   */
  static String credentials(io.github.eventretry.eventbridge.AwsException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    int at = m.indexOf("): ");
    String said = at < 0 ? "" : m.substring(at + 3);
    int stop = said.indexOf(". ");
    said = stop < 0 ? said.replaceAll("\\.$", "") : said.substring(0, stop);
    boolean signature = e.errorCode().filter(c -> c.startsWith("InvalidSignature")
        || c.startsWith("SignatureDoesNotMatch")).isPresent();
    return "AWS refused the credentials" + (said.isBlank() ? "" : ": \"" + said + "\"") + " ("
        + (signature ? "AWS_SECRET_ACCESS_KEY is not the secret of AWS_ACCESS_KEY_ID, or the profile's"
            + " keys are not a pair" : "AWS does not know AWS_ACCESS_KEY_ID, or the profile's access key")
        + ")";
  }

  /**
   * Rewords a line that may carry AWS error codes: {@code AWS answered InvalidSignatureException (HTTP
   * 400): …} becomes {@code AWS answered a wrong signature (HTTP 400): …; check AWS_ACCESS_KEY_ID and
   * AWS_SECRET_ACCESS_KEY (or the profile's keys)}.
   *
   * @param line the line
   * @return the line in words; unchanged when it names no AWS error code
   */
  static String reword(String line) {
    boolean credentials = CREDENTIALS.matcher(line).find();
    Matcher m = CODE.matcher(line);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(CODES.get(m.group(1))));
    }
    m.appendTail(b);
    String said = b.toString();
    if (credentials) {
      said += "; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the profile's keys): they must"
          + " be a pair AWS issued";
    }
    return said;
  }
}
