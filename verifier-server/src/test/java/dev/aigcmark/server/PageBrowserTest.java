package dev.aigcmark.server;

import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): a marked and
 * an unmarked picture chosen through the page's file input, a text file dropped on the drop zone, and the verdicts,
 * the Label to display and the marks read back from the page. A screenshot is kept in
 * {@code target/screenshots/} as a test artifact.
 */
class PageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static ServiceFixture service;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        ExternalTools.assumeTool("chromium");
        ExternalTools.assumeTool("chromedriver");
        service = ServiceFixture.start(dir, b -> b);
        // Both set, so Selenium Manager never runs (it would try the network): docs/toolchain.md in ../shared.
        System.setProperty("webdriver.chrome.driver", which("chromedriver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(which("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1280,2000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    private static String which(String tool) {
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(folder, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }

    @Test
    void droppedFilesShowTheirVerdictsLabelsAndMarks() throws Exception {
        Path marked = TestMedia.markedPicture(service.context, dir, "marked.jpg");
        Path plain = TestMedia.picture(dir, "plain.jpg");
        browser.get(service.uri("/").toString());
        // The page starts in the browser's language (headless Chromium reports en-US whatever --lang says); the
        // switch is what a moderator uses, and the choice is kept for the next visit.
        browser.findElement(By.cssSelector(".lang button[data-lang='zh']")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("内容标识核验");

        browser.findElement(By.id("files")).sendKeys(marked + "\n" + plain);
        // The drop zone's own path: a file dropped as a browser drag would deliver it.
        ((JavascriptExecutor) browser).executeScript(
                "const dt = new DataTransfer();"
                + "dt.items.add(new File(['just some words, nothing marked\\n'], 'note.txt', {type: 'text/plain'}));"
                + "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");

        // A card is replaced when its answer arrives, so an element found a moment ago may be gone: look again.
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector(".card"));
            return cards.size() == 3 && cards.stream().noneMatch(c -> "PENDING".equals(c.getAttribute("data-state")));
        });
        WebElement markedCard = card("marked.jpg");
        assertThat(markedCard.getAttribute("data-state")).isEqualTo("VALID");
        assertThat(markedCard.findElement(By.cssSelector(".verdict")).getText()).isEqualTo("有效");
        assertThat(markedCard.findElement(By.cssSelector(".label-value")).getAttribute("data-label")).isEqualTo("1");
        assertThat(markedCard.findElement(By.cssSelector(".prompt")).getText()).contains("人工智能生成");
        assertThat(markedCard.findElements(By.cssSelector(".mark")).stream().map(m -> m.getAttribute("data-kind")))
                .contains("implicitLabel", "watermark");
        assertThat(markedCard.findElement(By.cssSelector(".part-fields")).getText()).contains("ContentProducer");
        assertThat(markedCard.findElement(By.cssSelector(".preview")).isDisplayed()).isTrue();

        WebElement plainCard = card("plain.jpg");
        assertThat(plainCard.getAttribute("data-state")).isEqualTo("NONE");
        assertThat(plainCard.findElements(By.cssSelector(".label-value"))).isEmpty();
        assertThat(plainCard.findElement(By.cssSelector(".label-none")).getText()).isEqualTo("未发现人工智能生成的迹象。");

        assertThat(card("note.txt").getAttribute("data-state")).isEqualTo("NONE");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("已核验 3 个文件。");
        screenshot("page-zh.png");

        // English, on the same results.
        browser.findElement(By.cssSelector(".lang button[data-lang='en']")).click();
        assertThat(card("marked.jpg").findElement(By.cssSelector(".verdict")).getText()).isEqualTo("Valid");
        assertThat(card("plain.jpg").findElement(By.cssSelector(".label-none")).getText())
                .isEqualTo("Nothing points to AI generation.");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Content label verification");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Verified 3 files.");
        screenshot("page-en.png");
        service.awaitIdle();
    }

    private static WebElement card(String file) {
        return browser.findElement(By.cssSelector(".card[data-file='" + file + "']"));
    }

    private static void screenshot(String name) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
