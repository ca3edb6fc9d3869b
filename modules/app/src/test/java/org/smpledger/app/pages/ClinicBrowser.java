package org.smpledger.app.pages;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both by their fixed paths:
 * nothing downloads a browser or a driver (Selenium Manager never runs), and the browser's own
 * background connections are switched off. One fresh profile per browser, deleted on close.
 */
final class ClinicBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Dimension DESKTOP = new Dimension(1280, 1000);
    static final Dimension TABLET = new Dimension(768, 1024);

    final ChromeDriver driver;
    private final String base;
    private final Path profile;
    private final ChromeDriverService service;

    ClinicBrowser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("smp-chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--lang=en-GB",
                "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String path) {
        driver.get(base + path);
        waitFor(() -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState;")));
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    void signIn(String username, String password) {
        open("/login");
        fill("username", username);
        fill("password", password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(() -> !path().startsWith("/login")
                || !driver.findElements(By.cssSelector("[role=alert]")).isEmpty());
    }

    void signOut() {
        driver.findElement(By.cssSelector("header form button")).click();
        waitFor(() -> path().startsWith("/login"));
    }

    /** Fills a field by its name as a person would; dates and times go straight into the value (their pickers are locale-bound). */
    void fill(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        String tag = field.getTagName();
        String type = field.getAttribute("type");
        if ("select".equals(tag)) {
            new Select(field).selectByValue(value);
        } else if ("checkbox".equals(type)) {
            if (field.isSelected() != Boolean.parseBoolean(value)) {
                field.click();
            }
        } else if ("date".equals(type) || "datetime-local".equals(type)) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    void check(String id) {
        WebElement box = driver.findElement(By.id(id));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** Submits the page's main form and waits for the next page. */
    void submit() {
        WebElement button = driver.findElement(By.cssSelector("main form.grid button[type=submit]"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(button));
    }

    /**
     * Whether the element left the page. ChromeDriver may answer a look at an element whose page is
     * being replaced with "does not belong to the document" instead of a stale element: gone as well.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String attribute(String css, String attribute) {
        return driver.findElement(By.cssSelector(css)).getAttribute(attribute);
    }

    void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }

    /** The page's text in the browser's own session (e.g. a download), through fetch. */
    String fetch(String path) {
        Object text = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'})"
                                + ".then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-type') + '\\n' + t)))"
                                + ".catch(e => done('failed ' + e));",
                        path);
        return String.valueOf(text);
    }

    /** axe-core's serious and critical violations on the current page (none expected). */
    List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder().analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> Set.of("serious", "critical").contains(rule.getImpact()))
                .map(ClinicBrowser::describe)
                .toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget()))
                        .toList();
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** A screenshot of the whole page at the current width, into {@code folder/name}. */
    void screenshot(Path folder, String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        Object measured = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement ? document.documentElement.scrollHeight : 0;");
        int height = measured instanceof Number number ? number.intValue() : 0;
        driver.manage()
                .window()
                .setSize(new Dimension(before.width, Math.min(3200, Math.max(before.height, height + 140))));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(folder);
        Files.copy(shot.toPath(), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(before);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
