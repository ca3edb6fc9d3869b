package org.smpledger.app.pages;

import org.smpledger.app.security.Viewers;
import org.smpledger.web.Choices;
import org.smpledger.web.Viewer;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header and forms need: who is signed in, and the values the forms' selects offer. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    @ModelAttribute("viewer")
    Viewer viewer() {
        return Viewers.current();
    }

    @ModelAttribute("choices")
    Object choices() {
        return Choices.all();
    }
}
