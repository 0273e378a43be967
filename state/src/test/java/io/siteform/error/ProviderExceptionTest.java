package io.siteform.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderExceptionTest {
  @Test
  void namesTheOperationByItsLowerCaseWord() {
    assertThat(new ProviderException("s3_bucket.primary", Operation.IMPORT, "no such bucket").getMessage())
        .isEqualTo("s3_bucket.primary: import: no such bucket");
    assertThat(new ProviderException("s3_bucket.primary", Operation.DELETE, "in use", "BucketNotEmpty", "R1", null)
        .getMessage()).isEqualTo("s3_bucket.primary: delete: in use (BucketNotEmpty, request id R1)");
    assertThat(Operation.READ.word()).isEqualTo("read");
  }

  @Test
  void refusesAMissingOperation() {
    assertThatThrownBy(() -> new ProviderException("s3_bucket.primary", null, "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("operation");
  }

  @Test
  void anApplyRunsOnlyCreateUpdateAndDelete() {
    assertThat(java.util.Arrays.stream(Operation.values()).filter(Operation::applies))
        .containsExactly(Operation.CREATE, Operation.UPDATE, Operation.DELETE);
  }
}
