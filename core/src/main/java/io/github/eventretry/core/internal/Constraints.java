package io.github.eventretry.core.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The policy's custom constraints and their validators. */
public final class Constraints {
  private Constraints() {}

  /** {@code max_delay_ms >= base_delay_ms}, reported on {@code max_delay_ms}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = DelayOrderValidator.class)
  public @interface DelayOrder {
    /** @return the message */
    String message() default "must be greater than or equal to base_delay_ms";

    /** @return the groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link DelayOrder}. */
  public static final class DelayOrderValidator implements ConstraintValidator<DelayOrder, PolicyDraft> {
    @Override
    public boolean isValid(PolicyDraft d, ConstraintValidatorContext context) {
      if (d.baseDelayMs == null || d.maxDelayMs == null || d.maxDelayMs >= d.baseDelayMs) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(
              "must be greater than or equal to base_delay_ms (" + d.baseDelayMs + ")")
          .addPropertyNode("maxDelayMs")
          .addConstraintViolation();
      return false;
    }
  }

  /** A factor is meaningful only for proportional jitter; reported on {@code jitter.factor}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = FactorOnlyForProportionalValidator.class)
  public @interface FactorOnlyForProportional {
    /** @return the message */
    String message() default "applies only to mode proportional";

    /** @return the groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link FactorOnlyForProportional}. */
  public static final class FactorOnlyForProportionalValidator
      implements ConstraintValidator<FactorOnlyForProportional, PolicyDraft.JitterDraft> {
    @Override
    public boolean isValid(PolicyDraft.JitterDraft j, ConstraintValidatorContext context) {
      // An unknown mode is its own error; the factor is judged only against a mode that exists.
      if (j.factor == null || j.mode == null || "proportional".equals(j.mode)
          || !PolicyField.JITTER_MODE.words().contains(j.mode)) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(
              "applies only to mode proportional; remove it for mode " + j.mode)
          .addPropertyNode("factor")
          .addConstraintViolation();
      return false;
    }
  }

  /** An SQS standard queue ARN, when present. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = SqsStandardQueueValidator.class)
  public @interface SqsStandardQueue {
    /** @return the message */
    String message() default "must be an SQS standard queue ARN";

    /** @return the groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link SqsStandardQueue} with {@link SqsArns}, the one rule for ARNs. */
  public static final class SqsStandardQueueValidator
      implements ConstraintValidator<SqsStandardQueue, String> {
    @Override
    public boolean isValid(String arn, ConstraintValidatorContext context) {
      if (arn == null) {
        return true;
      }
      String problem = SqsArns.problem(arn);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(PolicyRules.escapeTemplate(problem))
          .addConstraintViolation();
      return false;
    }
  }

  /** A finite number (not NaN, not infinite), when present. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = FiniteValidator.class)
  public @interface Finite {
    /** @return the message */
    String message() default "must be a finite number";

    /** @return the groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
  }

  /** Checks {@link Finite}. */
  public static final class FiniteValidator implements ConstraintValidator<Finite, Double> {
    @Override
    public boolean isValid(Double value, ConstraintValidatorContext context) {
      return value == null || Double.isFinite(value);
    }
  }
}
