package dev.nas.core.study;


/** Decides what a study trains next, from what it has seen so far. */
public interface Controller {

    Decision ask(StudyView study);
}
