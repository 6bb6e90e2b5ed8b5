package org.aiappstore.plugin.api.deployment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Parses and compares Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1.5Gi},
 * {@code 1e3}) without a Kubernetes library. Only non-negative quantities are accepted.
 */
public final class Quantities {

  /** The longest accepted quantity string. */
  public static final int MAX_LENGTH = 32;

  private static final Pattern QUANTITY =
      Pattern.compile(
          "\\+?((?:[0-9]+(?:\\.[0-9]*)?)|(?:\\.[0-9]+))"
              + "((?:[eE][+-]?[0-9]{1,3})|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", KI),
          Map.entry("Mi", KI.pow(2)),
          Map.entry("Gi", KI.pow(3)),
          Map.entry("Ti", KI.pow(4)),
          Map.entry("Pi", KI.pow(5)),
          Map.entry("Ei", KI.pow(6)));

  private Quantities() {}

  /**
   * What is wrong with a quantity.
   *
   * @param quantity the quantity string
   * @return a message for a person, or empty if valid
   */
  public static Optional<String> problem(String quantity) {
    if (quantity == null || quantity.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (quantity.length() > MAX_LENGTH || !QUANTITY.matcher(quantity).matches()) {
      return Optional.of(
          "must be a Kubernetes quantity such as 500m, 2, 512Mi or 1.5Gi, not '"
              + abbreviate(quantity)
              + "'");
    }
    return Optional.empty();
  }

  /**
   * The value of a quantity in base units (cores, bytes).
   *
   * @param quantity the quantity string
   * @return the value, e.g. {@code 0.5} for {@code 500m}, {@code 1073741824} for {@code 1Gi}
   * @throws PlatformException INVALID_ARGUMENT if the quantity is malformed
   */
  public static BigDecimal parse(String quantity) {
    problem(quantity)
        .ifPresent(
            problem -> {
              throw PlatformException.invalidArgument("Quantity " + problem);
            });
    Matcher matcher = QUANTITY.matcher(quantity);
    matcher.matches();
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return number;
    }
    if (suffix.startsWith("e") || (suffix.startsWith("E") && suffix.length() > 1)) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return number.multiply(SUFFIXES.get(suffix));
  }

  /**
   * Compares two quantities by value.
   *
   * @param a a quantity string
   * @param b another quantity string
   * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code
   *     b}
   * @throws PlatformException INVALID_ARGUMENT if a quantity is malformed
   */
  public static int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  private static String abbreviate(String value) {
    return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH) + "…";
  }
}
