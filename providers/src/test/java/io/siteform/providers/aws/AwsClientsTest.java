package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.error.PlanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

class AwsClientsTest {
  @TempDir Path dir;

  @AfterEach
  void clear() {
    System.clearProperty("aws.configFile");
    System.clearProperty("aws.sharedCredentialsFile");
  }

  private void config(String text) throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(config, text);
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
  }

  /** As the AWS CLI does: the profile named beats whatever AWS_ACCESS_KEY_ID the environment holds. */
  @Test
  void aNamedProfileGivesItsOwnCredentials() throws IOException {
    config("[profile dev]\naws_access_key_id = AKIADEVPROFILE\naws_secret_access_key = devsecret\n");

    AwsCredentials c = AwsClients.profileCredentials("dev").resolveCredentials();

    assertThat(c.accessKeyId()).isEqualTo("AKIADEVPROFILE");
  }

  @Test
  void aProfileThatDoesNotExistIsNamedWithTheOnesThatDo() throws IOException {
    config("[profile dev]\naws_access_key_id = a\naws_secret_access_key = b\n[profile prod]\nregion = eu-west-1\n");

    assertThatThrownBy(() -> AwsClients.profileCredentials("staging"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("AWS profile 'staging' is not in ~/.aws/config or ~/.aws/credentials")
        .hasMessageContaining("profiles there: dev, prod");
  }

  /**
   * The SDK's profile provider loads an {@code sso_session} profile (`aws sso login`) only when the
   * SSO modules are present; without them it fails with "To use Sso related properties ... add
   * the 'sso' module". A profile of that kind must get as far as asking for the SSO session's token.
   */
  @Test
  void anSsoProfileIsUnderstoodNotRefusedForAMissingModule() throws IOException {
    config("[profile team]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Deploy\n"
        + "region = eu-west-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        + "sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n");

    assertThatThrownBy(() -> AwsClients.profileCredentials("team").resolveCredentials())
        .isInstanceOf(software.amazon.awssdk.services.sso.auth.ExpiredTokenException.class)
        .hasMessageContaining("run aws sso login");
  }

  @Test
  void everyClientRetriesWithTheStandardStrategyAndEnoughAttempts() {
    assertThat(AwsClients.retryStrategy().maxAttempts()).isEqualTo(AwsClients.MAX_ATTEMPTS).isGreaterThanOrEqualTo(8);
  }
}
