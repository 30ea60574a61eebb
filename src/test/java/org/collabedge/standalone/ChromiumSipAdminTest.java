package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.collabedge.config.Transport;
import org.collabedge.sip.config.StaticRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In headless Chromium an admin adds a static route to the internal front end and generates a user's SIP secret,
 * which the page shows once. Skipped without Chromium, except on CI (CI=true), where it fails instead.
 */
class ChromiumSipAdminTest {

    @TempDir
    Path data;

    @TempDir
    Path profile;

    @Test
    void anAdminAddsAStaticRouteAndGeneratesASipSecret() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            edge.host.users().put("carol", "directory-Passw0rd".toCharArray(), "Carol Example", null);
            WebDriver browser = HeadlessChromium.open(profile);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(edge.uri("sip-routes").toString());
                wait.until(d -> d.getCurrentUrl().endsWith("/login"));
                browser.findElement(By.id("password")).sendKeys(RunningEdge.ADMIN_PASSWORD);
                browser.findElement(By.id("login")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/status"));

                // The LCS Routing tab's example: all traffic for *@contoso.com to FE.Contoso.com, port 5061, TLS.
                browser.get(edge.uri("sip-routes").toString());
                browser.findElement(By.id("pattern")).sendKeys("*@contoso.com");
                browser.findElement(By.id("nextHopHost")).sendKeys("FE.Contoso.com");
                new Select(browser.findElement(By.id("transport"))).selectByValue("TLS");
                browser.findElement(By.id("save-route")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=route_saved"));
                String table = browser.findElement(By.id("routes")).getText();
                assertTrue(table.contains("*@contoso.com") && table.contains("fe.contoso.com:5061"), table);
                StaticRoute stored = edge.host.core().sipConfig().current().routes().get(0);
                assertEquals(Transport.TLS, stored.transport());
                assertTrue(stored.tlsVerify(), "verification is on unless switched off");

                browser.get(edge.uri("sip-secrets").toString());
                browser.findElement(By.id("user")).sendKeys("carol");
                browser.findElement(By.id("find-user")).click();
                wait.until(d -> !d.findElements(By.id("regenerate")).isEmpty());
                browser.findElement(By.id("regenerate")).click();
                wait.until(d -> d.getCurrentUrl().contains("done=secret_regenerated"));
                String shown = browser.findElement(By.id("revealed-secret")).getText();
                assertEquals(new String(edge.host.core().sipSecrets().secretOf("carol").orElseThrow()), shown);
                assertFalse(browser.getCurrentUrl().contains(shown), "the secret is not in the address bar");
                Path shots = Path.of("target", "screenshots");
                Files.createDirectories(shots);
                Files.write(shots.resolve("sip-secrets.png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

                browser.navigate().refresh();
                assertTrue(browser.findElements(By.id("revealed-secret")).isEmpty(), "shown once only");
                assertTrue(browser.findElement(By.id("holders")).getText().contains("carol"));
            } finally {
                browser.quit();
            }
        }
    }
}
