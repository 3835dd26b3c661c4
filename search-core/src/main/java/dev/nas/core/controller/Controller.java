package dev.nas.core.controller;

import dev.nas.core.study.StudyView;

/** Decides what a study trains next, from what it has seen so far. */
public interface Controller {

    Decision ask(StudyView study);
}
