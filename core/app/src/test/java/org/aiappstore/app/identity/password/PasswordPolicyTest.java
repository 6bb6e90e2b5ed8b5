package org.aiappstore.app.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void shouldAcceptALongUncommonPassword() {
    assertThat(policy.violations("correct horse battery staple", "alice")).isEmpty();
  }

  @Nested
  class ShouldRefuse {

    @Test
    void aPasswordShorterThanTenCharacters() {
      assertThat(policy.violations("Xq7!zR2#p", "alice"))
          .containsExactly("The password must have at least 10 characters.");
    }

    @Test
    void aPasswordLongerThan256Characters() {
      assertThat(policy.violations("x".repeat(200) + "y".repeat(57), "alice"))
          .containsExactly("The password must have at most 256 characters.");
    }

    @Test
    void theUsernameItselfIgnoringCase() {
      assertThat(policy.violations("Bartholomew", "bartholomew"))
          .containsExactly("The password must not be the username.");
    }

    @Test
    void aPasswordContainingTheUsername() {
      assertThat(policy.violations("my-ALICE-password-77", "alice"))
          .containsExactly("The password must not contain the username.");
    }

    @Test
    void aCommonPasswordIgnoringCase() {
      assertThat(policy.violations("Password123", "alice"))
          .containsExactly("The password is too common; choose one that is harder to guess.");
      assertThat(policy.violations("QWERTYUIOP", "alice")).hasSize(1);
    }

    @Test
    void anEmptyPassword() {
      assertThat(policy.violations("", "alice")).containsExactly("A password is required.");
      assertThat(policy.violations(null, "alice")).containsExactly("A password is required.");
    }

    @Test
    void withEveryBrokenRuleReportedSeparately() {
      assertThat(policy.violations("admin", "admin")).hasSize(3);
    }
  }

  @Test
  void shouldThrowA422ProblemPointingAtTheField() {
    assertThatThrownBy(() -> policy.check("short", "alice", "/newPassword"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.errors())
                  .allSatisfy(f -> assertThat(f.pointer()).isEqualTo("/newPassword"));
            });
  }
}
